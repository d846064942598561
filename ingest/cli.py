"""Command group placeholder: replaced by the subsystem's real commands."""


def register(sub) -> None:
    return None
