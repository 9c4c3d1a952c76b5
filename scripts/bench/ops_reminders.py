"""The reminders' stored dates over every case: the nightly flag of the cases gone quiet,
and the quiet dates of a team's cases recomputed when its number of days changes."""

from registry import operation

CASES = ("cases", "SELECT count(*) FROM social_case")
OPEN_CASES = ("open cases", "SELECT count(*) FROM social_case WHERE NOT is_closed")


def _largest_team(env):
    env.cr.execute(
        "SELECT team_id FROM social_case WHERE team_id IS NOT NULL AND NOT is_closed "
        "GROUP BY team_id ORDER BY count(*) DESC LIMIT 1"
    )
    return {"team": env.cr.fetchone()[0]}


@operation("nightly quiet flag, every case (one UPDATE)", CASES)
def quiet_flag(env, ctx):
    return len(env["social.case"]._cron_refresh_quiet())


@quiet_flag.sql
def _quiet_flag(cr, ctx):
    cr.execute(
        """SELECT count(*) FROM social_case
            WHERE is_quiet IS DISTINCT FROM
                  (quiet_date IS NOT NULL AND quiet_date <= CURRENT_DATE)"""
    )
    return cr.fetchone()[0]


@operation(
    "a team's quiet days changed: its open cases' quiet dates recomputed",
    OPEN_CASES,
    setup=_largest_team,
)
def quiet_dates(env, ctx):
    team = env["social.team"].browse(ctx["team"])
    team.quiet_days = team.quiet_days + 1
    env.flush_all()
    return env["social.case"].search_count([("team_id", "=", team.id), ("quiet_date", "!=", False)])
