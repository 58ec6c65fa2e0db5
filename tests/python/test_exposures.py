"""The exposures (models/_exposures.yml) name exactly the marts their consumers read, so `dbt docs` cannot drift.

What each consumer reads is taken from the consumer itself: the report site's data loaders, the data
package the publish step wrote, the great-expectations suites and their queries in gx/.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
import yaml

from meldpunt1712.layout import MARTS_SCHEMA, PROJECT_DIR
from proof.publish_testing import Published, published_baseline

pytestmark = pytest.mark.needs_build

MART_REFERENCE = re.compile(rf"\b{MARTS_SCHEMA}\.([a-z_][a-z0-9_]*)")


def report_site_reads(published: Published) -> set[str]:
    """The marts the site's data loaders query (the site holds nothing else from the warehouse)."""
    loaders = sorted((PROJECT_DIR / "reports" / "src" / "data").glob("*.js"))
    assert loaders, "no data loaders in reports/src/data"
    return {name for loader in loaders for name in MART_REFERENCE.findall(loader.read_text(encoding="utf-8"))}


def exports_read(published: Published) -> set[str]:
    """The resources of the data package the publish step wrote: one per exported mart."""
    package = json.loads((published.exports / "datapackage.json").read_text(encoding="utf-8"))
    return {resource["name"] for resource in package["resources"]}


def data_docs_read(published: Published) -> set[str]:
    """The marts of the catalogue suite (every table it expects) and those the gate's queries read."""
    gx = PROJECT_DIR / "gx"
    catalogue = json.loads((gx / "expectations" / "published_catalogue.json").read_text(encoding="utf-8"))
    tables = {value for expectation in catalogue["expectations"]
              for value in expectation["kwargs"].get("value_set", []) if "." not in value}
    context = yaml.safe_load((gx / "great_expectations.yml").read_text(encoding="utf-8"))
    queries = [asset["sql"] for datasource in context["fluent_datasources"].values()
               for asset in datasource.get("assets", {}).values() if asset.get("type") == "sql_query"]
    assert tables and queries, "gx/ has no catalogue suite or no query asset"
    return tables | {name for query in queries for name in MART_REFERENCE.findall(query)}


CONSUMERS: dict[str, Callable[[Published], set[str]]] = {
    "report_site": report_site_reads,
    "exports": exports_read,
    "data_docs": data_docs_read,
}


@pytest.fixture(scope="module")
def exposures() -> dict[str, dict]:
    manifest = published_baseline().manifest
    return {node["name"]: node for node in manifest["exposures"].values()}


def test_every_exposure_is_a_consumer_this_file_checks(exposures: dict) -> None:
    assert sorted(exposures) == sorted(CONSUMERS)


@pytest.mark.parametrize("consumer", sorted(CONSUMERS))
def test_the_exposure_depends_on_exactly_the_marts_its_consumer_reads(exposures: dict, consumer: str) -> None:
    published = published_baseline()
    nodes = published.manifest["nodes"]
    exposure = exposures[consumer]
    declared = {nodes[unique_id]["name"] for unique_id in exposure["depends_on"]["nodes"]}
    assert all(nodes[unique_id]["schema"] == MARTS_SCHEMA for unique_id in exposure["depends_on"]["nodes"])
    read = CONSUMERS[consumer](published)
    assert read, f"{consumer} reads no mart?"
    assert sorted(read - declared) == [], f"{consumer} reads these marts; add them to models/_exposures.yml"
    assert sorted(declared - read) == [], f"{consumer} no longer reads these marts; drop them from models/_exposures.yml"


def test_every_exposure_has_an_owner_without_an_email(exposures: dict) -> None:
    for name, exposure in exposures.items():
        assert exposure["owner"]["name"], name
        assert exposure["owner"].get("email") is None, name
