# Each command ends in "|| return 1": run.sh calls these functions in a tested context,
# where bash ignores set -e.
# Sourced by run.sh with SITE_DIR, VENV and the BENCH_* environment set; cwd = SITE_DIR.
SITE_LABEL="gpe"
SITE_WSGI="wsgi:application"
# Not only search: every "<page>@member" page is loaded with a signed-in member's session,
# which run.sh hands to the load client only when this is 1.
SITE_SEARCH_NEEDS_LOGIN=1

site_install() {
    "$VENV/bin/pip" install -q -r "$SITE_DIR/../../requirements.txt" || return 1
}

site_prepare() {
    local t0
    "$VENV/bin/python" manage.py migrate --noinput -v0 || return 1
    "$VENV/bin/python" manage.py compilemessages --ignore=.venv -v0 || return 1
    t0=$(date +%s)
    "$VENV/bin/python" benchtool.py seed || return 1
    # Wagtail's database search backend (PostgreSQL full-text search) over everything seeded.
    "$VENV/bin/python" manage.py update_index --chunk_size 5000 || return 1
    "$VENV/bin/python" benchtool.py analyze || return 1
    echo "$(( $(date +%s) - t0 ))" > "${GPE_BENCH_SEED_SECONDS:-/dev/null}"
}
