"""How much data each scale asks for. Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Scale:
    name: str
    extra_councils: int  # fictional councils outside London, on top of the 33 seeded ones
    users: int
    job_descriptions: int
    salary_observations: int
    # Sizes the issue names for parts whose models do not exist yet: used by the planned steps.
    planned: dict[str, int] = field(default_factory=dict)

    def limited(self, limit: int | None) -> Scale:
        """The same scale with every count capped at ``limit`` (for quick runs and tests)."""
        if limit is None:
            return self
        return replace(
            self,
            extra_councils=min(self.extra_councils, limit),
            users=min(self.users, limit),
            job_descriptions=min(self.job_descriptions, limit),
            salary_observations=min(self.salary_observations, limit),
            planned={name: min(count, limit) for name, count in self.planned.items()},
        )


SCALES: dict[str, Scale] = {
    "test": Scale(
        name="test",
        extra_councils=5,
        users=40,
        job_descriptions=30,
        salary_observations=300,
        planned={
            "vacancies": 50,
            "open_vacancies": 20,
            "alert_subscriptions": 20,
            "profiles": 10,
            "assessments": 40,
        },
    ),
    "london": Scale(
        name="london",
        extra_councils=0,
        users=2_000,
        job_descriptions=50_000,
        salary_observations=1_000_000,
        planned={
            "vacancies": 200_000,
            "open_vacancies": 10_000,
            "alert_subscriptions": 100_000,
            "profiles": 10_000,
            "events": 2_000,
            "assessments": 660,  # 33 councils, two a year for ten years
        },
    ),
    "national": Scale(
        name="national",
        extra_councils=400,
        users=20_000,
        job_descriptions=150_000,
        salary_observations=1_000_000,
        planned={
            "vacancies": 200_000,
            "open_vacancies": 10_000,
            "alert_subscriptions": 100_000,
            "profiles": 10_000,
            "events": 10_000,
            "assessments": 8_660,
        },
    ),
    "stress": Scale(
        name="stress",
        extra_councils=400,
        users=100_000,
        job_descriptions=500_000,
        salary_observations=3_000_000,
        planned={
            "vacancies": 1_000_000,
            "open_vacancies": 50_000,
            "alert_subscriptions": 1_000_000,
            "profiles": 100_000,
            "events": 50_000,
            "assessments": 10_000,
        },
    ),
}
