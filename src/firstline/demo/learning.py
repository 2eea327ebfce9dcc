"""The demo's training center: for each product line a course (its help-center articles and
a lesson) and an exam, in English and in Vietnamese; agents who passed and hold the product
line's skill, agents who have not; a supervisor flagged as a manager with front-line hours
this quarter. Seeded through the learning actions, like the rest of the demo."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from firstline.agents.actions import do_update_agent
from firstline.agents.models import Agent
from firstline.conversations.models import Conversation
from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.knowledge.models import Article
from firstline.learning.courses import do_create_course
from firstline.learning.exams import (
    do_create_exam,
    do_start_attempt,
    do_submit_attempt,
    drawn_questions,
)
from firstline.learning.models import Exam
from firstline.learning.rotation import count_reply
from firstline.learning.schemas import CourseCreate, ExamCreate

# Per product line: the skill its exam grants, the help-center articles of its course, and
# per language the course's lesson and the exam's questions (prompt, choices, right ones).
Question = tuple[str, list[str], list[int]]
LINES: dict[str, dict[str, Any]] = {
    "spot": {
        "skill": "spot",
        "articles": ["api-keys"],
        "en": {
            "title": "Spot trading desk",
            "lesson": "Most spot questions are about orders that did not fill. Open the order "
            "history with the customer, check the **price** and the **order type**, and "
            "explain what the order book did. Never promise a fill price.",
            "questions": [
                ("A limit buy below the market price does not fill. Why?",
                 ["The price never came down to the limit", "The exchange lost the order",
                  "Limit orders only fill at night"], [0]),
                ("Which of these may an API key be given?",
                 ["Trading permission", "Read-only permission", "The account password"], [0, 1]),
                ("Support may ask the customer for their API secret to check a key.",
                 ["True", "False"], [1]),
                ("A market order filled 0.4 % above the last price. What happened?",
                 ["Slippage through the order book", "A bug to escalate at once",
                  "A fee the agent can refund"], [0]),
            ],
        },
        "vi": {
            "title": "Bàn giao dịch Spot",
            "lesson": "Phần lớn câu hỏi về Spot là lệnh chưa khớp. Mở lịch sử lệnh cùng khách, "
            "kiểm tra **giá** và **loại lệnh**, rồi giải thích sổ lệnh đã diễn biến ra sao. "
            "Không bao giờ hứa giá khớp.",
            "questions": [
                ("Lệnh mua giới hạn thấp hơn giá thị trường không khớp. Vì sao?",
                 ["Giá chưa giảm xuống mức giới hạn", "Sàn làm mất lệnh",
                  "Lệnh giới hạn chỉ khớp vào ban đêm"], [0]),
                ("Khóa API có thể được cấp quyền nào?",
                 ["Quyền giao dịch", "Quyền chỉ đọc", "Mật khẩu tài khoản"], [0, 1]),
                ("Nhân viên hỗ trợ có thể xin khách mã bí mật API để kiểm tra khóa.",
                 ["Đúng", "Sai"], [1]),
                ("Lệnh thị trường khớp cao hơn giá gần nhất 0,4 %. Chuyện gì đã xảy ra?",
                 ["Trượt giá trong sổ lệnh", "Lỗi cần chuyển cấp ngay",
                  "Phí mà nhân viên có thể hoàn lại"], [0]),
            ],
        },
    },
    "futures": {
        "skill": "futures",
        "articles": ["futures-liquidation"],
        "en": {
            "title": "Futures and liquidations",
            "lesson": "A liquidation is never reversed by support. Show the customer the "
            "**mark price** at the time, their margin ratio, and how to add margin or lower "
            "leverage next time.",
            "questions": [
                ("Which price triggers a liquidation?",
                 ["The mark price", "The last traded price on another exchange",
                  "The price the customer entered at"], [0]),
                ("Support can reverse a liquidation when the customer was asleep.",
                 ["True", "False"], [1]),
                ("What lowers the risk of liquidation?",
                 ["Adding margin", "Lowering leverage", "Opening a second position"], [0, 1]),
                ("A customer says the liquidation was unfair. First step?",
                 ["Check the mark price and margin ratio at that time",
                  "Refund the loss", "Close the conversation"], [0]),
            ],
        },
        "vi": {
            "title": "Hợp đồng tương lai và thanh lý",
            "lesson": "Bộ phận hỗ trợ không bao giờ hoàn tác một lần thanh lý. Cho khách xem "
            "**giá đánh dấu** lúc đó, tỷ lệ ký quỹ, và cách nạp thêm ký quỹ hoặc giảm đòn bẩy.",
            "questions": [
                ("Giá nào kích hoạt thanh lý?",
                 ["Giá đánh dấu", "Giá khớp gần nhất ở sàn khác", "Giá vào lệnh của khách"],
                 [0]),
                ("Hỗ trợ có thể hoàn tác thanh lý khi khách đang ngủ.", ["Đúng", "Sai"], [1]),
                ("Điều gì giảm rủi ro bị thanh lý?",
                 ["Nạp thêm ký quỹ", "Giảm đòn bẩy", "Mở thêm một vị thế"], [0, 1]),
                ("Khách nói lần thanh lý không công bằng. Bước đầu tiên?",
                 ["Kiểm tra giá đánh dấu và tỷ lệ ký quỹ lúc đó", "Hoàn lại khoản lỗ",
                  "Đóng cuộc trò chuyện"], [0]),
            ],
        },
    },
    "p2p": {
        "skill": "p2p",
        "articles": ["fake-support"],
        "en": {
            "title": "P2P trades and scams",
            "lesson": "In a P2P dispute, the coins stay in escrow until the evidence is clear. "
            "A buyer who asks the seller to release before the money arrived is a red flag; "
            "so is anyone moving the chat outside the platform.",
            "questions": [
                ("The seller has not received the money. Should they release the coins?",
                 ["No: wait until the money is in their account", "Yes, to be polite",
                  "Yes, if the buyer sends a screenshot"], [0]),
                ("Which are signs of a scam?",
                 ["Asking to chat on another app", "A payment from a third party's account",
                  "Paying within the time limit"], [0, 1]),
                ("Support may ask the customer to move funds to a 'safe wallet'.",
                 ["True", "False"], [1]),
            ],
        },
        "vi": {
            "title": "Giao dịch P2P và lừa đảo",
            "lesson": "Trong tranh chấp P2P, coin nằm trong ký quỹ cho đến khi bằng chứng rõ "
            "ràng. Người mua giục người bán giải phóng coin khi tiền chưa đến là dấu hiệu "
            "đáng ngờ; người kéo cuộc trò chuyện ra ngoài nền tảng cũng vậy.",
            "questions": [
                ("Người bán chưa nhận được tiền. Họ có nên giải phóng coin không?",
                 ["Không: đợi tiền vào tài khoản", "Có, cho lịch sự",
                  "Có, nếu người mua gửi ảnh chụp màn hình"], [0]),
                ("Đâu là dấu hiệu lừa đảo?",
                 ["Đề nghị nhắn tin qua ứng dụng khác", "Tiền chuyển từ tài khoản người khác",
                  "Thanh toán trong thời hạn"], [0, 1]),
                ("Hỗ trợ có thể đề nghị khách chuyển tiền sang 'ví an toàn'.",
                 ["Đúng", "Sai"], [1]),
            ],
        },
    },
    "deposits_withdrawals": {
        "skill": "deposits",
        "articles": ["deposit-confirmations", "withdrawal-fees", "memo-tag"],
        "en": {
            "title": "Deposits and withdrawals",
            "lesson": "Before anything else, get the **TXID** and the **network**. A deposit "
            "with a missing memo or tag goes to the recovery desk, never back to the "
            "customer's own wallet by hand.",
            "questions": [
                ("A USDT deposit was sent on BEP20 to a TRC20 address. Where does it go?",
                 ["The deposit-recovery desk", "Tell the customer it is lost",
                  "Credit it by hand"], [0]),
                ("What do you ask for first when a deposit did not arrive?",
                 ["The TXID", "The network used", "The customer's password"], [0, 1]),
                ("A deposit shows 8 of 12 confirmations. What do you say?",
                 ["It arrives once the network confirms it", "It failed",
                  "Send it again"], [0]),
                ("The withdrawal fee is set by the network, not the agent.",
                 ["True", "False"], [0]),
            ],
        },
        "vi": {
            "title": "Nạp và rút",
            "lesson": "Trước hết, hỏi **TXID** và **mạng lưới**. Khoản nạp thiếu memo hoặc tag "
            "được chuyển cho bộ phận khôi phục tiền nạp, không bao giờ tự tay gửi lại ví "
            "của khách.",
            "questions": [
                ("USDT được gửi qua BEP20 tới địa chỉ TRC20. Chuyển cho ai?",
                 ["Bộ phận khôi phục tiền nạp", "Báo khách là đã mất",
                  "Tự cộng tiền bằng tay"], [0]),
                ("Khi khoản nạp chưa đến, hỏi gì trước?",
                 ["TXID", "Mạng lưới đã dùng", "Mật khẩu của khách"], [0, 1]),
                ("Khoản nạp có 8 trên 12 xác nhận. Bạn nói gì?",
                 ["Tiền sẽ đến khi mạng lưới xác nhận đủ", "Giao dịch thất bại",
                  "Gửi lại lần nữa"], [0]),
                ("Phí rút do mạng lưới quyết định, không phải nhân viên.", ["Đúng", "Sai"],
                 [0]),
            ],
        },
    },
    "account_security": {
        "skill": "security",
        "articles": ["kyc-documents", "change-email"],
        "en": {
            "title": "Account security and KYC",
            "lesson": "Nobody at the exchange asks for a password, a 2FA code or a seed "
            "phrase. A customer who was asked for one is talking to a scammer: say so, "
            "plainly, and freeze the account if they already gave it.",
            "questions": [
                ("Which documents prove an address for KYC?",
                 ["A utility bill under 3 months old", "A bank statement under 3 months old",
                  "A selfie"], [0, 1]),
                ("A customer gave their 2FA code to 'support' on Telegram. First step?",
                 ["Freeze the account and reset the 2FA", "Ask them for the code too",
                  "Tell them it is fine"], [0]),
                ("An agent may ask for the customer's seed phrase to recover a wallet.",
                 ["True", "False"], [1]),
            ],
        },
        "vi": {
            "title": "Bảo mật tài khoản và KYC",
            "lesson": "Không ai ở sàn hỏi mật khẩu, mã 2FA hay cụm từ khôi phục. Khách bị hỏi "
            "những thứ đó đang nói chuyện với kẻ lừa đảo: nói rõ điều đó, và khóa tài khoản "
            "nếu khách đã đưa.",
            "questions": [
                ("Giấy tờ nào chứng minh địa chỉ cho KYC?",
                 ["Hóa đơn tiện ích dưới 3 tháng", "Sao kê ngân hàng dưới 3 tháng",
                  "Ảnh selfie"], [0, 1]),
                ("Khách đã đưa mã 2FA cho 'hỗ trợ' trên Telegram. Bước đầu tiên?",
                 ["Khóa tài khoản và đặt lại 2FA", "Cũng xin khách mã đó",
                  "Bảo khách là không sao"], [0]),
                ("Nhân viên có thể xin cụm từ khôi phục của khách để khôi phục ví.",
                 ["Đúng", "Sai"], [1]),
            ],
        },
    },
}  # fmt: skip

MANAGERS_COURSE = {
    "title": "Managers on the front line",
    "lesson": "Every manager spends a full day on real customer requests, then two to six "
    "hours a quarter. Take first-line conversations in your languages; hand anything risky "
    "to the second line as any agent would.",
}


def _move(clock: FrozenClock, at: datetime) -> None:
    clock.advance(seconds=(at - clock.now()).total_seconds())


async def _articles(db: Database, external_ids: list[str], locale: str) -> list[int]:
    async with db.session() as s:
        rows = await s.execute(
            select(Article.external_id, Article.id).where(
                Article.external_id.in_(external_ids), Article.locale == locale
            )
        )
        found = dict(rows.all())
    return [found[e] for e in external_ids if e in found]


async def seed_learning(
    db: Database, rng: random.Random, clock: FrozenClock, end: datetime, manager_email: str
) -> str:
    """Courses and exams per product line in English and Vietnamese, certified agents, and a
    manager's front-line quarter."""
    async with db.session() as s:
        agents = list(
            (
                await s.scalars(
                    select(Agent)
                    .where(Agent.email.like("agent%@firstline.demo"))
                    .order_by(Agent.id)
                )
            ).all()
        )
        trainer = await s.scalar(select(Agent).where(Agent.email == manager_email))
    assert trainer is not None
    exams: dict[tuple[str, str], int] = {}
    # Written three weeks ago; certificates taken since. Account security's last 30 days, so
    # those come due soon and show in the report's "lapsing".
    _move(clock, end - timedelta(days=21))
    for line, spec in LINES.items():
        for locale in ("en", "vi"):
            texts = spec[locale]
            articles = await _articles(db, spec["articles"], locale) or await _articles(
                db, spec["articles"], "en"
            )
            async with db.transaction() as s:
                exam = await do_create_exam(
                    s,
                    ExamCreate.model_validate(
                        {
                            "title": texts["title"], "locale": locale, "pass_mark": 75,
                            "time_limit_minutes": 15, "attempts": 3, "cooldown_minutes": 60,
                            "grants_skills": [spec["skill"]],
                            "valid_days": 30 if line == "account_security" else 90,
                            "questions": [
                                {"prompt": p, "kind": "true_false" if len(c) == 2 else
                                 ("multiple" if len(r) > 1 else "single"),
                                 "choices": c, "correct": r, "topic": line,
                                 "article_id": articles[0] if articles else None}
                                for p, c, r in texts["questions"]
                            ],
                        }
                    ),
                    acting_agent_id=trainer.id,
                )  # fmt: skip
                exams[(line, locale)] = exam.id
                modules: list[dict[str, Any]] = [
                    {"kind": "article", "article_id": a} for a in articles
                ]
                modules.append({"kind": "lesson", "title": texts["title"], "body": texts["lesson"]})
                speaks = [a.id for a in agents if locale in (a.languages or [])]
                await do_create_course(
                    s,
                    CourseCreate.model_validate(
                        {"title": texts["title"], "locale": locale, "modules": modules,
                         "exam_id": exam.id, "due_days": 30, "agent_ids": speaks[:12]}
                    ),
                    acting_agent_id=trainer.id,
                )  # fmt: skip
    # Two of every three agents passed the exam of one product line in their language; the
    # rest have not yet (one failed attempt each), so routing tells them apart.
    certified = 0
    for n, agent in enumerate(agents):
        line = list(LINES)[n % len(LINES)]
        locale = "vi" if "vi" in (agent.languages or []) else "en"
        exam_id = exams[(line, locale)]
        passes = n % 3 != 2
        _move(clock, end - timedelta(days=20 - n % 15, hours=rng.randint(1, 8)))
        async with db.transaction() as s:
            held = await s.get(Exam, exam_id)
            assert held is not None
            attempt, _ = await do_start_attempt(s, held, agent.id)
            questions = await drawn_questions(s, attempt)
            wrong = {
                q.id: [i for i in range(len(q.choices)) if i not in q.correct][:1]
                for q in questions
            }
            answers = {str(q.id): q.correct if passes else wrong[q.id] for q in questions}
            await do_submit_attempt(s, attempt, answers)
        certified += passes
    # Sam runs the floor and is a manager: front-line replies on a few days this quarter.
    _move(clock, end)
    async with db.transaction() as s:
        conversations = list((await s.scalars(select(Conversation.id).limit(40))).all())
        manager = await s.get(Agent, trainer.id)
        assert manager is not None
        await do_update_agent(s, manager, {"is_manager": True}, acting_agent_id=None)
        day = end.replace(hour=9, minute=0, second=0, microsecond=0)
        for back in (3, 9, 16, 23):
            at = day - timedelta(days=back)
            if at.month != end.month and (at.month - 1) // 3 != (end.month - 1) // 3:
                continue
            for _ in range(rng.randint(6, 14)):
                at += timedelta(minutes=rng.randint(3, 12))
                await count_reply(s, trainer.id, rng.choice(conversations), at)
    return f"{len(exams)} exams and courses, {certified} certified agents"
