"""Date and number formats per language (FORMAT_MODULE_PATH), on top of Django's own.

One format per kind of date, used through `core.formatting` and the template filters in
`core/templatetags/oi.py`:

| kind                          | format name            | Dutch               | English            |
|-------------------------------|------------------------|---------------------|--------------------|
| date in a table or list       | SHORT_DATE_FORMAT      | 23 nov. 2026        | 23 Nov 2026        |
| date and time in a table      | SHORT_DATETIME_FORMAT  | 23 nov. 2026 14:05  | 23 Nov 2026 14:05  |
| date in running text          | DATE_FORMAT            | 23 november 2026    | 23 November 2026   |
| date and time in running text | DATETIME_FORMAT        | 23 november 2026 14:05 | 23 November 2026 14:05 |
| time (audit trail: seconds)   | TIME_FORMAT            | 14:05:09            | 14:05:09           |

Numbers follow Django's formats for the language: a decimal comma in Dutch ("30,0 MB").
"""
