"""The shipped base rates: sourced, dated, and consistent with the shipped skill demand."""

from __future__ import annotations

from careerlens.knowledge.models import FLAVOUR_IDS
from careerlens.plan.demand import load_demand
from careerlens.studio.grounding import degree_fact, load_base_rates, pay_facts


def test_base_rates_are_sourced_and_match_the_demand_counts():
    rates = load_base_rates()
    assert rates["source"]["ref"] == "postings_corpus" and rates["built"] and rates["dates"]
    demand = load_demand()
    assert rates["postings"] == demand.postings
    for flavour in FLAVOUR_IDS:
        assert rates["flavours"][flavour]["postings"] == demand.flavour_postings[flavour]


def test_research_postings_ask_for_a_phd_more_often_than_ml_engineering():
    rates = load_base_rates()["flavours"]
    assert rates["research_scientist"]["degree"]["phd"]["share"] > 2 * rates["ml_engineer"]["degree"]["phd"]["share"]
    assert "Research scientist postings" in degree_fact("research_scientist").text


def test_pay_is_only_quoted_for_groups_with_enough_postings():
    min_n = load_base_rates()["min_pay_n"]
    for fact in pay_facts("mlops_platform"):
        for n in [int(x) for x in __import__("re").findall(r"n=(\d+)", fact.text)]:
            assert n >= min_n
