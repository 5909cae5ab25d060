# One date format and one date-and-time format per language, short and long alike; the Arabic
# comma (،) between the date and the time.
DATE_FORMAT = SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "j F Y، H:i"
