# Arabic dates as Moroccan documents write them: day, month, year, a 24-hour
# clock and the Arabic comma (Django's own Arabic formats say "نوفمبر 25, 2026 11:59 م").
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y، H:i"
FIRST_DAY_OF_WEEK = 1
