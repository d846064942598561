"""Format readers. Each turns one file into an :class:`Extracted`; which reader handles a
file is decided by its suffix, then by sniffing its first bytes (see ``reader_for``)."""

from .base import Extracted, Reader, reader_for

__all__ = ["Extracted", "Reader", "reader_for"]
