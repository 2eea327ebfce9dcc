"""Escalation: the ladder of levels, escalations up it or across to a business line, and
their climb when nobody acknowledges.

Importing the package registers its reaction to the conversations' status changes (core/events.py
`on_event`): a conversation resolved or closed closes its escalations in the same transaction.
Conversations sit below escalation and never import it; they announce the change, and this
package acts on it. firstline.models imports the package, so every process with the tables
has the reaction.
"""

from firstline.conversations.events import ConversationUpdated
from firstline.core.events import on_event
from firstline.escalation.actions import close_when_finished

on_event(ConversationUpdated, close_when_finished)
