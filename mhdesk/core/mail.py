"""Writing to people of the directory: address lists for a mail client and `mailto:` links."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from .models.directory import printed_name


def mail_address(family_name: str, given_name: str | None, email: str) -> str:
    """`QURBONOVA Rukhshona <rq@example.org>`; a name with a comma or angle bracket is quoted."""
    name = printed_name(family_name, given_name).replace('"', "'")
    quoted = f'"{name}"' if any(c in name for c in ',;<>@()[]:') else name
    return f"{quoted} <{email}>"


def address_list(people: Iterable) -> str:
    """`Name <address>; ...` for everyone with an e-mail (anything with family_name, given_name, email), each
    address once, in the order given: ready to paste into a mail client's To line."""
    seen: set[str] = set()
    addresses = []
    for person in people:
        if person.email and person.email.casefold() not in seen:
            seen.add(person.email.casefold())
            addresses.append(mail_address(person.family_name, person.given_name, person.email))
    return "; ".join(addresses)


def mailto_url(emails: Iterable[str], subject: str = "", body: str = "") -> str:
    """A `mailto:` link to these addresses (each once) with a subject and body, for the system mail client."""
    unique = list(dict.fromkeys(e for e in emails if e))
    url = "mailto:" + ",".join(quote(e, safe="@.+-_") for e in unique)
    query = [f"{name}={quote(value)}" for name, value in (("subject", subject), ("body", body)) if value]
    return url + ("?" + "&".join(query) if query else "")


def reminder(year: int, missions: list[str]) -> tuple[str, str]:
    """The subject and body of a reminder to missions that have not returned `year`."""
    subject = f"Reminder: mission return for {year}"
    body = (f"Dear colleagues,\n\nThe migration health return for {year} has not reached the regional office yet "
            f"from: {', '.join(missions)}.\nCould you send it at your earliest convenience?\n\nThank you and kind "
            "regards")
    return subject, body
