# Each command ends in "|| return 1": run.sh calls these functions in a tested context,
# where bash ignores set -e.
# Sourced by run.sh with SITE_DIR, VENV and the BENCH_* environment set; cwd = SITE_DIR.
SITE_LABEL="gpe-forum"
SITE_WSGI="wsgi:application"
SITE_SEARCH_NEEDS_LOGIN=0   # forum search works for anonymous visitors (public categories)

site_install() {
    "$VENV/bin/pip" install -q -r "$SITE_DIR/../../requirements.txt" || return 1
}

site_prepare() {
    "$VENV/bin/python" manage.py migrate --noinput -v0 || return 1
    "$VENV/bin/python" benchtool.py seed || return 1
    # Wagtail's database search backend (PostgreSQL full-text): 2,000 topics + 50,000 posts.
    "$VENV/bin/python" manage.py update_index || return 1
}
