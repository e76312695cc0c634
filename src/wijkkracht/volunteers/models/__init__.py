"""The volunteers app's models: the volunteer and their roles (core), shifts, recognition and messages."""

from .core import (
    Application,
    Attention,
    AvailabilityException,
    Certificate,
    HoursEntry,
    StopReason,
    Tag,
    Vacancy,
    Volunteer,
    validate_slots,
)
from .shifts import Message, Recognition, Shift, StandIn

__all__ = [
    "Application",
    "Attention",
    "AvailabilityException",
    "Certificate",
    "HoursEntry",
    "Message",
    "Recognition",
    "Shift",
    "StandIn",
    "StopReason",
    "Tag",
    "Vacancy",
    "Volunteer",
    "validate_slots",
]
