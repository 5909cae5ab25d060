# One date format and one date-and-time format per language, short and long alike.
DATE_FORMAT = SHORT_DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
