"""``categories``: the aliases in JSON, the basic DPC and the EI each category allows."""

from __future__ import annotations

import json


def test_categories_json_lists_aliases(run):
    rows = json.loads(run("categories", "--format", "json").stdout)["categories"]
    contact = next(r for r in rows if r["key"] == "contact_details")
    assert {"email", "phone"} <= set(contact["aliases"])
    assert {r["enisa_class"] for r in rows} == {"simple", "behavioural", "financial", "sensitive"}


def test_categories_show_the_basic_dpc_and_the_ei_each_allows(run):
    # ENISA Annex 1 basic scores (simple 1, behavioural 2, financial 3, sensitive 4) and the EI
    # level a category allows on its own (direct → maximum, indirect → significant, none →
    # limited), as the assessment uses them.
    document = json.loads(run("categories", "--format", "json").stdout)
    rows = {r["key"]: r for r in document["categories"]}
    shown = {k: (rows[k]["basic_dpc"], rows[k]["ei_level"]) for k in rows}
    assert shown["names"] == (1, "maximum")
    assert shown["contact_details"] == (1, "significant")
    assert shown["order_history"] == (2, "limited")
    assert shown["payment_cards"] == (3, "significant")
    assert shown["health"] == (4, "limited")
    assert shown["biometrics"] == (4, "maximum")
    table = run("categories").stdout
    assert " order_history          behavioural   2     none         limited\n" in table
