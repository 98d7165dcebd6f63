"""The flow registry: every flow the bot runs, with its version."""

from __future__ import annotations

from dialogs.flow import Flow
from dialogs.flows.about import ABOUT
from dialogs.flows.cover import COVER
from dialogs.flows.help_request import HELP_REQUEST
from dialogs.flows.human import HUMAN
from dialogs.flows.menu import MENU_FLOW, START_FLOW
from dialogs.flows.risk_screening import RISK_SCREENING
from dialogs.flows.safe_migration import SAFE_MIGRATION
from dialogs.flows.settings import SETTINGS
from dialogs.flows.subscribe import SUBSCRIBE

__all__ = ["FLOWS"]

FLOWS: tuple[Flow, ...] = (
    START_FLOW,
    MENU_FLOW,
    RISK_SCREENING,
    SAFE_MIGRATION,
    HELP_REQUEST,
    HUMAN,
    ABOUT,
    SETTINGS,
    SUBSCRIBE,
    COVER,
)
