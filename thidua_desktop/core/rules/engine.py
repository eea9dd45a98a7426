"""The rules engine: rule sets of criteria that each cite an article and explain their verdict in Vietnamese.

A ``Criterion`` has a code, the article it comes from and the date from which that version applies; a rule set may
hold several versions of one criterion and ``RuleSet.criteria_on(review_date)`` picks the one in force, so older
reviews are judged by the rules of their time. Each criterion returns PASS, FAIL or UNKNOWN (data missing, never
counted as a failure) with a sentence saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from thidua_desktop.core.rules.facts import FactsBook, SubjectFacts
from thidua_desktop.core.rules.params import RuleParams


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {"pass": "Đủ tiêu chuẩn", "fail": "Không đủ", "unknown": "Chưa rõ"}[self.value]

    @property
    def symbol(self) -> str:
        return {"pass": "✓", "fail": "✗", "unknown": "?"}[self.value]

    @property
    def rank(self) -> int:
        """Sort order: qualified first, then the doubtful, then the rest."""
        return {"pass": 0, "unknown": 1, "fail": 2}[self.value]


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    message: str


def passed(message: str) -> Verdict:
    return Verdict(Outcome.PASS, message)


def failed(message: str) -> Verdict:
    return Verdict(Outcome.FAIL, message)


def unknown(message: str) -> Verdict:
    return Verdict(Outcome.UNKNOWN, message)


@dataclass(frozen=True)
class Context:
    """What a criterion may look at besides the subject: the review, its year and period, the parameters."""

    review_date: date
    year: int
    params: RuleParams = field(default_factory=RuleParams)
    period_start: date | None = None
    period_end: date | None = None
    occasion: date | None = None
    book: FactsBook | None = None
    rulesets: Mapping[str, RuleSet] = field(default_factory=dict)

    @property
    def year_start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def year_end(self) -> date:
        return date(self.year, 12, 31)

    def evaluate_code(self, code: str, subject: SubjectFacts) -> Evaluation | None:
        """Evaluate another rule set for the same subject (e.g. whether this year's CSTĐCS is met)."""
        ruleset = self.rulesets.get(code)
        if ruleset is None:
            return None
        return evaluate(ruleset, subject, self)


Check = Callable[[SubjectFacts, Context], Verdict]


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    article: str
    valid_from: date
    check: Check
    valid_to: date | None = None
    unconfirmed: bool = False
    """The criterion uses a number the domain brief marks unconfirmed (a setting in «Thông số quy tắc»)."""

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class RuleSet:
    code: str
    """Unique id of the rule set: the catalogue code, with «.DOT» for commendation by campaign."""
    form_code: str
    name: str
    side: str
    kind: str
    """Commendation kind (``CommendationKind``): annual, campaign, tenure..."""
    subject_types: frozenset[str]
    criteria: tuple[Criterion, ...]
    applies: Callable[[SubjectFacts, Context], bool]
    """Whether the form is meant for this subject at all (Party side vs state side, kind of unit...)."""
    notes: tuple[str, ...] = ()
    """What the council judges and the engine cannot (solidarity, exemplary conduct...)."""

    def criteria_on(self, on: date) -> list[Criterion]:
        """For each criterion code, the version in force on ``on``, in their first order of appearance."""
        chosen: dict[str, Criterion] = {}
        for criterion in self.criteria:
            if criterion.in_force(on):
                chosen[criterion.code] = criterion
        order = list(dict.fromkeys(c.code for c in self.criteria))
        return [chosen[code] for code in order if code in chosen]

    def is_for(self, subject: SubjectFacts, ctx: Context) -> bool:
        return subject.subject_type in self.subject_types and self.applies(subject, ctx)


@dataclass(frozen=True)
class CriterionResult:
    code: str
    label: str
    article: str
    valid_from: date
    outcome: Outcome
    message: str
    unconfirmed: bool = False


@dataclass(frozen=True)
class Evaluation:
    ruleset: RuleSet
    subject: SubjectFacts
    results: tuple[CriterionResult, ...]

    @property
    def outcome(self) -> Outcome:
        return combine(r.outcome for r in self.results)

    @property
    def score(self) -> int:
        """How fully the subject qualifies, 0–100: a met criterion counts 1, an unknown one ½."""
        if not self.results:
            return 0
        weight = {Outcome.PASS: 1.0, Outcome.UNKNOWN: 0.5, Outcome.FAIL: 0.0}
        points = sum(weight[r.outcome] for r in self.results)
        return round(points / len(self.results) * 100)

    @property
    def main_reason(self) -> str:
        """The first failing criterion's message, else the first unknown one's, else the first met one's."""
        for outcome in (Outcome.FAIL, Outcome.UNKNOWN, Outcome.PASS):
            for result in self.results:
                if result.outcome == outcome:
                    return result.message
        return ""


def combine(outcomes: Iterable[Outcome]) -> Outcome:
    seen = set(outcomes)
    if Outcome.FAIL in seen:
        return Outcome.FAIL
    if Outcome.UNKNOWN in seen:
        return Outcome.UNKNOWN
    return Outcome.PASS


NOT_MODELLED = "Chưa mô hình hóa"


def not_modelled(criterion: Criterion, on: date) -> CriterionResult:
    """A criterion with no version in force on the review date: never a silent pass, never dropped."""
    if criterion.valid_from > on:
        when = f"trước ngày {criterion.valid_from:%d/%m/%Y}"
    else:
        when = f"sau ngày {criterion.valid_to:%d/%m/%Y}" if criterion.valid_to else ""
    return CriterionResult(
        code=criterion.code,
        label=criterion.label,
        article=NOT_MODELLED,
        valid_from=on,
        outcome=Outcome.UNKNOWN,
        message=(
            f"Chưa rõ: quy định áp dụng ngày {on:%d/%m/%Y} cho tiêu chí «{criterion.label}» ({when}) chưa được "
            "mô hình hóa trong chương trình: cần xét theo văn bản khi đó"
        ),
    )


def evaluate(ruleset: RuleSet, subject: SubjectFacts, ctx: Context) -> Evaluation:
    results = []
    chosen = {c.code: c for c in ruleset.criteria_on(ctx.review_date)}
    order = list(dict.fromkeys(c.code for c in ruleset.criteria))
    for code in order:
        criterion = chosen.get(code)
        if criterion is None:
            versions = [c for c in ruleset.criteria if c.code == code]
            nearest = min(versions, key=lambda c: abs((c.valid_from - ctx.review_date).days))
            results.append(not_modelled(nearest, ctx.review_date))
            continue
        verdict = criterion.check(subject, ctx)
        results.append(
            CriterionResult(
                code=criterion.code,
                label=criterion.label,
                article=criterion.article,
                valid_from=criterion.valid_from,
                outcome=verdict.outcome,
                message=verdict.message,
                unconfirmed=criterion.unconfirmed,
            )
        )
    return Evaluation(ruleset, subject, tuple(results))
