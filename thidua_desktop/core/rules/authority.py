"""Who decides an award on the review date: the body that decided then, by ``law.DECIDERS``, the subject's Party
organization for the yearly Party Giấy khen, and the editable catalogue only for forms the law table lacks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thidua_desktop.core.enums import Authority
from thidua_desktop.core.rules import law
from thidua_desktop.core.rules.facts import SubjectFacts
from thidua_desktop.core.settings_schema import OrganizationSettings

YEARLY_PARTY_RULESET = "GK_DANG_UY"


@dataclass(frozen=True)
class Decider:
    authority: str
    """``Authority`` value; "" when it cannot be told from the records."""
    source: str
    """The text that gives the power to decide, or why it is not known."""
    body: str = ""
    """The deciding body's own name when the settings cannot give it (a grassroots đảng ủy of the unit tree)."""

    @property
    def known(self) -> bool:
        return bool(self.authority)

    def name(self, settings: OrganizationSettings) -> str:
        if not self.authority:
            return ""
        if self.body:
            return self.body
        return settings.authority_name(self.authority)


def decider(ruleset_code: str, form_code: str, subject: SubjectFacts, on: date, catalogue: str) -> Decider:
    """The deciding authority of rule set ``ruleset_code`` (form ``form_code``) for ``subject`` reviewed on ``on``."""
    if ruleset_code == YEARLY_PARTY_RULESET:
        row = law.yearly_party_decider(on, subject.is_grassroots, subject.grassroots_committee)
        if row is None:
            return Decider(
                "",
                "Chưa rõ cấp khen: chưa ghi chi bộ là chi bộ cơ sở hay chi bộ trực thuộc đảng ủy cơ sở "
                "(Quy định 294-QĐ/TW; Hướng dẫn 06-HD/TW mục 19)",
            )
        body = subject.grassroots_committee if row.value == Authority.GRASSROOTS_PARTY_COMMITTEE else ""
        return Decider(row.value, row.source, body)
    if form_code in law.DECIDERS:
        found = law.decider_on(form_code, on)
        if found is None:
            first = law.first_modelled(law.DECIDERS[form_code])
            return Decider(
                "", f"Chưa rõ cấp khen: quy định trước ngày {first:%d/%m/%Y} chưa được mô hình hóa"
            )
        return Decider(found.value, found.source)
    return Decider(catalogue, "Danh mục hình thức khen thưởng (thiết lập)")
