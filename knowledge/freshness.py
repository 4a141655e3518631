"""How old a source is: its date ("2024", "2024-04" or "2024-04-18") against today."""

from datetime import date


def start(value: str) -> date:
    """The first day the date `value` can mean ("2024" -> 2024-01-01)."""
    year, month, day = (value.split("-") + ["1", "1"])[:3]
    return date(int(year), int(month), int(day))


def months_old(value: str, today: date | None = None) -> int:
    """Whole months from the start of `value` to `today`."""
    today = today or date.today()
    then = start(value)
    return (today.year - then.year) * 12 + today.month - then.month - (today.day < then.day)


def is_old(value: str, max_months: int, today: date | None = None) -> bool:
    return months_old(value, today) > max_months
