"""States and organisations by natural key, created on demand and cached for a run."""

from __future__ import annotations

from dataclasses import dataclass, field

from meetings.ingestion import names
from meetings.models import Country, Organization


class ResolutionError(Exception):
    """The report cannot be resolved safely; the article is rejected with this reason."""


def is_country_code(code: object) -> bool:
    return (
        isinstance(code, str)
        and len(code) == 3
        and code.isalpha()
        and code.isupper()
        and code in names.countries()
    )


@dataclass
class Places:
    """Countries and organisations of one ingest run: rows that never go away."""

    countries: dict[str, Country] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)

    def forget(self) -> None:
        self.countries.clear()
        self.organizations.clear()

    def country(self, code: str | None) -> Country | None:
        """The Country of an alpha-3 code, created on demand; None for unknown codes."""
        if not code or not is_country_code(code):
            return None
        if code not in self.countries:
            info = names.countries()[code]
            country, _ = Country.objects.get_or_create(
                alpha3=code,
                defaults={
                    "alpha2": info.alpha2,
                    "name": info.name,
                    "other_names": list(info.other_names),
                },
            )
            self.countries[code] = country
        return self.countries[code]

    def organization(self, short_name: str) -> Organization:
        if short_name not in self.organizations:
            organization, _ = Organization.objects.get_or_create(
                short_name=short_name[:30],
                defaults={"full_name": names.organizations().get(short_name, "")},
            )
            self.organizations[short_name] = organization
        return self.organizations[short_name]

    def party(self, code: str) -> tuple[Country | None, Organization | None]:
        """A delegation's side: a state by alpha-3, else an organisation by short name."""
        country = self.country(code)
        if country is not None:
            return country, None
        if not code or len(code) > 30:
            raise ResolutionError(f"unknown party {code!r}")
        return None, self.organization(code)
