"""Word lists for the temporal tagger: months, weekdays, number words, units, modifiers."""

from __future__ import annotations

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6,
    "sat": 6, "sunday": 7, "sun": 7,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a couple of": 2, "couple of": 2, "a dozen": 12, "half a": 0.5, "a half": 0.5,
}  # fmt: skip
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "dozens of", "hundreds of", "numerous")
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11, "twelfth": 12,
    "12th": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "last": -1, "final": -1,
}  # fmt: skip
# unit word -> (TIMEX3 duration letter, is time unit, calendar granularity for "ago")
UNITS = {
    "second": ("S", True, "time"), "minute": ("M", True, "time"), "hour": ("H", True, "time"),
    "day": ("D", False, "day"), "night": ("D", False, "day"), "week": ("W", False, "week"),
    "fortnight": ("W", False, "week"), "month": ("M", False, "month"),
    "quarter": ("Q", False, "quarter"), "year": ("Y", False, "year"),
    "decade": ("DE", False, "decade"), "century": ("CE", False, "century"),
    "weekend": ("WE", False, "week"),
}  # fmt: skip
UNIT_PLURALS = {"centuries": "century"}
MODS = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "longer than": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "less than": "LESS_THAN", "under": "LESS_THAN",
    "fewer than": "LESS_THAN", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "almost exactly": "EQUAL", "exactly": "EQUAL", "just over": "MORE_THAN",
    "just under": "LESS_THAN", "well over": "MORE_THAN",
}  # fmt: skip
POSITION_MODS = {
    "early": "START", "earlier": None, "late": "END", "later": None, "mid": "MID",
    "the middle of": "MID", "the start of": "START", "the beginning of": "START",
    "the end of": "END", "the turn of": "END", "the first half of": "START",
    "the second half of": "END", "the early": "START", "the late": "END", "the mid": "MID",
    "end of": "END", "beginning of": "START", "start of": "START", "middle of": "MID",
}  # fmt: skip
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}
HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new year's eve": (12, 31), "new year's day": (1, 1), "halloween": (10, 31),
    "valentine's day": (2, 14), "independence day": (7, 4),
}  # fmt: skip
# nouns after a 4-digit number that make it a count or quantity, not a year ("1540 people")
QUANTITY_NOUNS = (
    "percent|per cent|people|persons|troops|soldiers|servicemen|peacekeepers|men|women|children|"
    "refugees|migrants|civilians|individuals|families|citizens|nationals|residents|inhabitants|"
    "dollars|euros|pounds|yen|rubles|roubles|manat|drams|francs|lira|yuan|rupees|"
    "miles|kilometers|kilometres|km|meters|metres|feet|ft|tons|tonnes|acres|hectares|units|"
    "megawatts|gigawatts|kilowatts|MW|GW|kW|kWh|litres|liters|gallons|barrels|kg|lbs|"
    "shares|votes|points|cases|deaths|jobs|members|households|pages|words|students|employees|"
    "workers|homes|houses|vehicles|cars|rounds|missiles|warheads|hours|minutes|seconds|degrees|"
    "mph|square|cubic|times|delegates|signatures|villages|prisoners|hostages|victims|patients|"
    "participants|applicants|projects|schools|hospitals|doctors|teachers|journalists|"
    "volunteers|experts|scholarships|beds|doses|tanks|aircraft|ships|casualties"
)
