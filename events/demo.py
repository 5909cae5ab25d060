"""Demo content for events (``manage.py load_demo``): filled in below."""


def load(command) -> None:
    return None
