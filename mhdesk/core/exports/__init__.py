"""Everything mhdesk prints or hands out as a file: PDF documents sharing one style, formatted workbooks."""
