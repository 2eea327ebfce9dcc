"""Pydantic shapes of the sign-in API: one's own sessions, password and two-factor."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class SessionOut(BaseModel):
    id: int
    created_at: datetime
    last_seen_at: datetime | None = Field(description="The last request, to the minute.")
    address: str | None = Field(description="The address the session signed in from.")
    user_agent: str | None = Field(description="The browser it signed in with.")
    expires_at: datetime = Field(description="When it ends at the latest (12 h after sign-in).")
    current: bool = Field(description="The session this request was made with.")


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(
        min_length=1,
        max_length=200,
        description="At least 12 characters, not a common password, not your e-mail's name.",
    )


class TwoFactorOut(BaseModel):
    enabled: bool
    required: bool = Field(description="Your role requires two-factor sign-in.")
    recovery_codes_left: int


class TwoFactorSetup(BaseModel):
    secret: str = Field(description="The seed, base 32, to type into the app (shown once).")
    uri: str = Field(description="The otpauth:// URI the QR code holds.")
    qr_svg_data_uri: str = Field(description="The QR code as an SVG data: URI.")


class TwoFactorCode(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(
        min_length=6, max_length=64, description="A code from the app, or a recovery code."
    )


class RecoveryCodesOut(BaseModel):
    recovery_codes: list[str] = Field(description="Ten single-use codes, shown this once.")
