"""The canary suite reports how many requests each role made and how long it took."""


def pytest_terminal_summary(terminalreporter):
    from .test_canary import TIMINGS

    if not TIMINGS:
        return
    terminalreporter.section("canary")
    for role, (count, seconds) in TIMINGS.items():
        terminalreporter.write_line(f"{role:16} {count:5} requests {seconds:6.1f} s")
    total = sum(count for count, _ in TIMINGS.values())
    seconds = sum(seconds for _, seconds in TIMINGS.values())
    terminalreporter.write_line(f"{'all roles':16} {total:5} requests {seconds:6.1f} s")
