"""Benchmark pages for the site search (see bench/anchor_site/benchseed.py): the search
indexes what the other apps seeded (``update_index`` runs after the seed), so it seeds
nothing. Measured: the harness's common word across all content with two facets (type and
language). Bench-only: nothing imports this."""

SEARCH_WORD = "garden"  # the shared harness's word, in one post in ten


def bench_seed(seed):
    return {}


def bench_pages(seed):
    return [
        {"name": "search_facet", "path": f"/en/search/?q={SEARCH_WORD}&type=topic&lang=en"},
    ]
