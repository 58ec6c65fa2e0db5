"""One checked statement of the gate, passed or failed, in words a user can act on."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CheckResult:
    """The outcome of one check (one expectation, or one printed row of the source).

    `table` names the mart (great-expectations) or the seed file(s) (source
    text) the check is about; `report_year` is set when the check concerns one
    report year only, so a failure can be traced to that year's seed rows.
    """

    layer: str
    table: str
    check: str
    success: bool
    observed: str = ""
    expected: str = ""
    report_year: int | None = None
    detail: str = ""

    def line(self) -> str:
        """One console line: layer, table, check, year, observed versus expected."""
        year = f" [report_year {self.report_year}]" if self.report_year is not None else ""
        status = "ok  " if self.success else "FAIL"
        text = f"{status} {self.layer}: {self.table}{year}: {self.check}"
        if not self.success:
            text += f"\n       observed: {self.observed}\n       expected: {self.expected}"
            if self.detail:
                text += f"\n       {self.detail}"
        return text
