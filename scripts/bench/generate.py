"""Build the synthetic hospital group of the benchmark in a database with the four addons.

Users and teams (60 social workers in 6 teams, a head of service, a coordinator, ten
nurses) are created through the ORM: they are few, and their groups, partners and
passwords go through Odoo's own code. Everything else is written by bulk SQL
(``INSERT ... SELECT generate_series``), one statement per table: the ORM writes about
2,000 interventions a second, SQL writes a million in under a minute. Each statement sets
every column the ORM would set, including the stored related and computed fields (a
case's ``is_closed`` and ``anonymisation_date``, an intervention's ``company_id``,
``patient_id`` and ``kind``, a referral's first contact, a discharge plan's name, stay,
unit, dates and lateness...); `verify` then recomputes those fields through the ORM on
a sample of every table and fails when one differs, so that a field added later cannot
be forgotten silently. Database constraints (NOT NULL, CHECK, UNIQUE, the exclusion
constraint of one open case per patient) are enforced by PostgreSQL itself.

    python scripts/bench/generate.py -c odoo.conf -d social_bench [--scale 0.1]
"""

import logging
import random
import time

_logger = logging.getLogger("social.bench")

# the hospital group of the benchmark at scale 1
SIZES = {
    "patients": 100_000,
    "directory": 50_000,
    "interventions": 1_000_000,
    "procedures": 200_000,
    "discharge_plans": 30_000,
    "liaison_requests": 20_000,
    # each case comes from one referral; 10% more are redirected or duplicates
    "extra_referrals": 10_000,
}
TEAMS = 6
WORKERS_PER_TEAM = 10
NURSES = 10
YEARS = 5
# the case whose form the benchmark opens carries this many interventions
BIG_CASE_INTERVENTIONS = 200
# open cases: about 100 per worker, the rest closed over five years
OPEN_SHARE = 0.06
REFERENCE_PREFIX = "BENCH/"
PASSWORD_SUFFIX = ""  # the password of a bench user is its login

FIRST = (
    "Marie Jean Pierre Sophie Luc Anne Marc Julie Paul Claire Thomas Emma Louis Sarah "
    "Nicolas Laura Michel Lea Eric Chloe Jan Els Pieter Lotte Bram Fatima Mohamed Yasmina "
    "Karim Ines Ahmed Nadia Youssef Amina Kevin Elise Koen An Wim Lien"
).split()
LAST = (
    "Dubois Lambert Martin Dupont Peeters Janssens Maes Jacobs Mertens Willems Claes "
    "Goossens Wouters Leroy Renard Simon Laurent Lefebvre Michel Hermans Vermeulen Dumont "
    "Declercq Desmet Gerard Francois Aerts Coppens Lemaire Fontaine Bernard Diallo Benali "
    "ElAmrani Nowak Kowalski Rossi Garcia Lopez Yilmaz"
).split()
CITIES = [
    ("1000", "Bruxelles"),
    ("1030", "Schaerbeek"),
    ("1040", "Etterbeek"),
    ("1050", "Ixelles"),
    ("1060", "Saint-Gilles"),
    ("1070", "Anderlecht"),
    ("1080", "Molenbeek"),
    ("1090", "Jette"),
    ("1140", "Evere"),
    ("1200", "Woluwe"),
]


def sql_array(values):
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


# the names and places above as SQL arrays, for the statements of the patients and directory
SQL_FIRST, SQL_LAST = sql_array(FIRST), sql_array(LAST)
SQL_ZIPS, SQL_CITIES = sql_array([z for z, _c in CITIES]), sql_array([c for _z, c in CITIES])


class Generator:
    def __init__(self, env, scale=1.0):
        self.env = env
        self.cr = env.cr
        self.scale = scale
        self.n = {key: max(int(size * scale), 10) for key, size in SIZES.items()}

    def log(self, message, started=None):
        suffix = f" ({time.monotonic() - started:.1f} s)" if started else ""
        print(f"[bench] {message}{suffix}", flush=True)

    def execute(self, label, query, params=None):
        started = time.monotonic()
        self.cr.execute(query, params or {})
        self.log(f"{label}: {self.cr.rowcount} rows", started)

    # ------------------------------------------------------------------ people
    def create_users(self):
        env = self.env
        ref = env.ref
        company = ref("base.main_company")
        Users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
        worker, care = ref("social_case.group_social_worker"), ref("social_case.group_social_care")

        def user(login, name, groups):
            return {
                "login": login,
                "name": name,
                "password": login + PASSWORD_SUFFIX,
                "company_id": company.id,
                "company_ids": [(6, 0, [company.id])],
                "groups_id": [(6, 0, [ref("base.group_user").id, *[g.id for g in groups]])],
                "tz": "Europe/Brussels",
            }

        started = time.monotonic()
        vals = [
            user(
                "bench.manager", "Bench Head of Service", [ref("social_case.group_social_manager")]
            ),
            user(
                "bench.coordinator",
                "Bench Coordinator",
                [ref("social_case.group_social_coordinator")],
            ),
        ]
        vals += [
            user(f"bench.nurse{i:02d}", f"Bench Nurse {i:02d}", [care])
            for i in range(1, NURSES + 1)
        ]
        vals += [
            user(f"bench.worker{i:02d}", f"Bench Worker {i:02d}", [worker])
            for i in range(1, TEAMS * WORKERS_PER_TEAM + 1)
        ]
        users = Users.create(vals)
        workers = users.filtered(lambda u: u.login.startswith("bench.worker"))
        teams = (
            env["social.team"]
            .with_context(tracking_disable=True)
            .create(
                [
                    {
                        "name": f"Bench Team {t + 1}",
                        "company_id": company.id,
                        "member_ids": [
                            (6, 0, workers[t * WORKERS_PER_TEAM : (t + 1) * WORKERS_PER_TEAM].ids)
                        ],
                        "leader_id": workers[t * WORKERS_PER_TEAM].id,
                        "share_cases": True,
                    }
                    for t in range(TEAMS)
                ]
            )
        )
        env.flush_all()
        self.log(f"{len(users)} users and {len(teams)} teams through the ORM", started)
        # bench_worker: (worker ordinal 0..59, user id, team id) for the SQL below
        self.cr.execute("DROP TABLE IF EXISTS bench_worker")
        self.cr.execute(
            "CREATE TABLE bench_worker "
            "(n int PRIMARY KEY, user_id int NOT NULL, team_id int NOT NULL)"
        )
        for index, w in enumerate(workers):
            self.cr.execute(
                "INSERT INTO bench_worker VALUES (%s, %s, %s)",
                (index, w.id, teams[index // WORKERS_PER_TEAM].id),
            )
        return company

    # ------------------------------------------------------------------ data
    def generate(self):
        """The hospital group: its users through the ORM, then each table in SQL, in this
        order (each one reads the temporary tables of the ones before)."""
        total = time.monotonic()
        self.cr.execute("SELECT setseed(0.42)")
        random.seed(42)
        p = self._parameters(self.create_users())
        self._patients(p)
        self._directory(p)
        self._cases(p)
        self._episodes(p)
        self._interventions(p)
        self._contact_dates()
        self._procedures(p)
        self._referrals(p)
        self._discharge_plans(p)
        self._discharge_requests(p)
        self._liaison_requests(p)
        self.cr.execute("DROP TABLE bench_worker")
        self.log(f"generated in {time.monotonic() - total:.0f} s")

    def _parameters(self, company):
        """The parameters of the SQL statements."""
        env, n = self.env, self.n
        nurses = env["res.users"].search([("login", "like", "bench.nurse%")]).ids
        return {
            "company": company.id,
            "currency": company.currency_id.id,
            "retention": company.social_retention_years or 0,
            "years": YEARS,
            "patients": n["patients"],
            "directory": n["directory"],
            "interventions": n["interventions"],
            "procedures": n["procedures"],
            "plans": n["discharge_plans"],
            "liaison": n["liaison_requests"],
            "extra_referrals": n["extra_referrals"],
            "open_share": OPEN_SHARE,
            "prefix": REFERENCE_PREFIX,
            "nurses": nurses,
            "workers": TEAMS * WORKERS_PER_TEAM,
            "big": BIG_CASE_INTERVENTIONS,
            "open_stage": env["social.case.stage"].search([("is_closed", "=", False)], limit=1).id,
            "closed_stage": env["social.case.stage"].search([("is_closed", "=", True)], limit=1).id,
            "admin": env.ref("base.user_admin").id,
        }

    def _patients(self, p):
        """The patients: people of the address book, no company, no user."""
        self.execute(
            "patients",
            f"""
            CREATE TEMP TABLE bench_patient ON COMMIT DROP AS
            SELECT g, nextval('res_partner_id_seq')::int AS id,
                   ({SQL_FIRST})[1 + (g * 7) %% {len(FIRST)}] || ' '
                   || ({SQL_LAST})[1 + (g * 13 + g / {len(LAST)}) %% {len(LAST)}]
                   || ' ' || g AS name,
                   1 + (g * 3) %% {len(CITIES)} AS place,
                   DATE '1930-01-01' + (random() * 30000)::int AS birthdate
              FROM generate_series(1, %(patients)s) g;
            CREATE UNIQUE INDEX ON bench_patient (g);
            ANALYZE bench_patient;
            INSERT INTO res_partner (id, name, complete_name, commercial_partner_id, type, active,
                                     is_company, partner_share, employee, lang, tz, zip, city,
                                     social_birthdate, color, message_bounce, create_uid,
                                     write_uid, create_date, write_date)
            SELECT id, name, name, id, 'contact', true, false, true, false, 'fr_FR',
                   'Europe/Brussels', ({SQL_ZIPS})[place], ({SQL_CITIES})[place], birthdate, 0, 0,
                   %(admin)s, %(admin)s, now(), now()
              FROM bench_patient
            """,
            p,
        )

    def _directory(self, p):
        """The directory partners: companies with types, needs, territory, languages."""
        self.execute(
            "directory partners",
            f"""
            CREATE TEMP TABLE bench_directory ON COMMIT DROP AS
            SELECT g, nextval('res_partner_id_seq')::int AS id,
                   'Service ' || ({SQL_LAST})[1 + g %% {len(LAST)}] || ' ' || g AS name,
                   1 + (g * 7) %% {len(CITIES)} AS place
              FROM generate_series(1, %(directory)s) g;
            CREATE UNIQUE INDEX ON bench_directory (g);
            ANALYZE bench_directory;
            INSERT INTO res_partner (id, name, complete_name, commercial_partner_id, type, active,
                                     is_company, partner_share, employee, lang, tz, zip, city,
                                     commercial_company_name, phone, phone_sanitized, email,
                                     email_normalized, social_is_partner,
                                     social_capacity, social_waiting_days,
                                     social_availability_date, social_referral_method,
                                     social_rating_avg, social_evaluation_count, color,
                                     message_bounce, create_uid, write_uid, create_date,
                                     write_date)
            SELECT id, name, name, id, 'contact', true, true, true, false, 'fr_FR',
                   'Europe/Brussels', ({SQL_ZIPS})[place], ({SQL_CITIES})[place], name,
                   '+32 2 555 ' || lpad((g %% 10000)::text, 4, '0'),
                   '+32 2 555 ' || lpad((g %% 10000)::text, 4, '0'),
                   'service' || g || '@example.org', 'service' || g || '@example.org', true,
                   (random() * 10)::int, (random() * 60)::int,
                   CURRENT_DATE - (random() * 120)::int,
                   (ARRAY['phone','email','platform','form'])[1 + g %% 4], 0, 0, 0, 0,
                   %(admin)s, %(admin)s, now(), now()
              FROM bench_directory;
            INSERT INTO res_partner_social_partner_type_rel (partner_id, type_id)
            SELECT d.id, t.id FROM bench_directory d
              JOIN LATERAL (SELECT id FROM social_partner_type ORDER BY id
                             OFFSET d.g %% (SELECT count(*) FROM social_partner_type)
                             LIMIT 1) t ON true;
            INSERT INTO res_partner_social_need_type_rel (partner_id, need_type_id)
            SELECT DISTINCT d.id, nt.id FROM bench_directory d, generate_series(0, 2) k
              JOIN LATERAL (SELECT id FROM social_need_type ORDER BY id
                             OFFSET (d.g * 5 + k * 7) %% (SELECT count(*) FROM social_need_type)
                             LIMIT 1) nt ON true;
            INSERT INTO res_partner_social_territory_rel (partner_id, territory_id)
            SELECT DISTINCT d.id, tr.id FROM bench_directory d, generate_series(0, 1) k
              JOIN LATERAL (SELECT id FROM social_territory ORDER BY id
                             OFFSET (d.g + k * 11) %% (SELECT count(*) FROM social_territory)
                             LIMIT 1) tr ON true;
            INSERT INTO res_partner_social_language_rel (partner_id, language_id)
            SELECT DISTINCT d.id, l.id FROM bench_directory d, generate_series(0, 1) k
              JOIN LATERAL (SELECT id FROM social_language ORDER BY id
                             OFFSET (d.g * 3 + k) %% (SELECT count(*) FROM social_language)
                             LIMIT 1) l ON true
            """,
            p,
        )

    def _cases(self, p):
        """The cases: one per patient over five years, 6% open, the rest closed."""
        self.execute(
            "cases",
            """
            CREATE TEMP TABLE bench_case ON COMMIT DROP AS
            SELECT bp.g, nextval('social_case_id_seq')::int AS id, bp.id AS patient_id,
                   bp.birthdate, w.user_id, w.team_id, w.n AS worker,
                   (random() < %(open_share)s OR bp.g <= %(workers)s) AS is_open,
                   CURRENT_DATE - (random() * 365 * %(years)s)::int AS date_open,
                   (random() * 100)::int AS luck
              FROM bench_patient bp
              JOIN bench_worker w ON w.n = bp.g %% %(workers)s;
            ALTER TABLE bench_case ADD COLUMN date_closed date;
            UPDATE bench_case SET date_closed = LEAST(CURRENT_DATE, date_open + 7 + (luck * 3))
             WHERE NOT is_open;
            UPDATE bench_case SET date_open = CURRENT_DATE - (luck * 2) WHERE is_open;
            CREATE UNIQUE INDEX ON bench_case (g);
            ANALYZE bench_case;
            INSERT INTO social_case (id, company_id, patient_id, user_id, team_id, stage_id,
                                     is_closed, name, priority, confidentiality,
                                     beneficiary_type, date_open,
                                     date_closed, close_reason, anonymisation_date,
                                     patient_birthdate, household_type, income_source,
                                     residence_status, housing, legal_protection, autonomy,
                                     dependants_count, active, has_increased_reimbursement,
                                     interpreter_needed, waiting_answer, legal_hold, color,
                                     create_uid, write_uid, create_date, write_date)
            SELECT id, %(company)s, patient_id, user_id, team_id,
                   CASE WHEN is_open THEN %(open_stage)s ELSE %(closed_stage)s END, NOT is_open,
                   %(prefix)s || lpad(g::text, 6, '0'),
                   CASE WHEN luck < 5 THEN '2' WHEN luck < 20 THEN '1' ELSE '0' END,
                   CASE WHEN luck %% 33 = 7 THEN 'minor' WHEN luck %% 15 = 3 THEN 'restricted'
                        ELSE 'normal' END,
                   CASE WHEN g %% 50 = 1 THEN 'relative' WHEN g %% 97 = 2 THEN 'staff'
                        ELSE 'patient' END,
                   date_open, date_closed,
                   CASE WHEN is_open THEN NULL ELSE 'goal_reached' END,
                   CASE WHEN date_closed IS NOT NULL AND %(retention)s > 0
                        THEN date_closed + make_interval(years => %(retention)s) END,
                   birthdate,
                   (ARRAY['single','couple','cohabitant','single_parent',
                          'institution'])[1 + g %% 5],
                   (ARRAY['work','unemployment','sickness','pension','integration_income',
                          'disability_allowance','none','other'])[1 + (g / 3) %% 8],
                   (ARRAY['belgian','eu','resident','asylum_seeker','irregular',
                          'other'])[1 + (g / 7) %% 6],
                   (ARRAY['owner','tenant_private','tenant_social','family','institution',
                          'shelter','homeless'])[1 + (g / 5) %% 7],
                   'none', (ARRAY['autonomous','partial','dependent'])[1 + g %% 3],
                   g %% 4, true, g %% 4 = 0, g %% 9 = 0, g %% 11 = 0, false, 0,
                   user_id, user_id, date_open, date_open
              FROM bench_case;
            INSERT INTO social_case_coworker_rel (case_id, user_id)
            SELECT c.id, w.user_id FROM bench_case c
              JOIN bench_worker w ON w.n = (c.worker / 10) * 10 + (c.worker + 1) %% 10
             WHERE c.g %% 10 = 0
            """,
            p,
        )

    def _episodes(self, p):
        """The hospital stays: one per case, in a unit, ended when the case closed."""
        self.execute(
            "episodes",
            """
            CREATE TEMP TABLE bench_unit ON COMMIT DROP AS
            SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, target_length_of_stay
              FROM social_unit WHERE active;
            INSERT INTO social_case_episode (case_id, company_id, unit_id, episode_type,
                                             date_start, date_end, expected_length_of_stay,
                                             expected_end_date, room, create_uid, write_uid,
                                             create_date, write_date)
            SELECT c.id, %(company)s, u.id, 'hospital_stay', c.date_open, c.date_closed,
                   COALESCE(u.target_length_of_stay, 0),
                   CASE WHEN COALESCE(u.target_length_of_stay, 0) > 0
                        THEN c.date_open + u.target_length_of_stay END,
                   (100 + c.g %% 400)::text, c.user_id, c.user_id, c.date_open, c.date_open
              FROM bench_case c
              JOIN bench_unit u ON u.n = c.g %% (SELECT count(*) FROM bench_unit)
            """,
            p,
        )

    def _interventions(self, p):
        """The interventions: the first case of each worker has 200, the rest spread over
        cases."""
        self.execute(
            "interventions",
            """
            CREATE TEMP TABLE bench_itype ON COMMIT DROP AS
            SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, kind
              FROM social_intervention_type WHERE active;
            INSERT INTO social_intervention (case_id, company_id, patient_id, type_id, kind,
                                             user_id, date, duration, partner_id, note, active,
                                             create_uid, write_uid, create_date, write_date)
            SELECT c.id, %(company)s, c.patient_id, t.id, t.kind, c.user_id,
                   c.date_open + make_interval(mins => 480 + (i.k %% 600))
                     + make_interval(days => (i.r * (COALESCE(c.date_closed, CURRENT_DATE)
                                                   - c.date_open))::int),
                   5 + (i.k * 7) %% 116,
                   CASE WHEN i.k %% 10 = 0 THEN (SELECT id FROM bench_directory d
                                                  WHERE d.g = 1 + i.k %% %(directory)s) END,
                   'Bench intervention ' || i.k, true,
                   c.user_id, c.user_id, now(), now()
              FROM (SELECT k, random() AS r,
                           CASE WHEN k <= %(workers)s * %(big)s THEN 1 + (k - 1) %% %(workers)s
                                ELSE 1 + (k::bigint * 7919) %% %(patients)s END AS g
                      FROM generate_series(1, %(interventions)s) k) i
              JOIN bench_case c ON c.g = i.g
              JOIN bench_itype t ON t.n = i.k %% (SELECT count(*) FROM bench_itype)
            """,
            p,
        )

    def _contact_dates(self):
        """The case's last contact and quiet dates (stored, what the reminders trigger on)."""
        self.execute(
            "last contacts and quiet dates",
            """
            UPDATE social_case c SET last_contact_date = i.last
              FROM (SELECT case_id, max(date) AS last FROM social_intervention
                     GROUP BY case_id) i
             WHERE i.case_id = c.id;
            UPDATE social_case c
               SET quiet_date = s.since + s.days, escalation_date = s.since + 2 * s.days
              FROM (SELECT c2.id, COALESCE(c2.last_contact_date::date, c2.date_open) AS since,
                           COALESCE(t.quiet_days, 30) AS days
                      FROM social_case c2 LEFT JOIN social_team t ON t.id = c2.team_id
                     WHERE NOT c2.is_closed) s
             WHERE s.id = c.id;
            UPDATE social_case
               SET is_quiet = (quiet_date IS NOT NULL AND quiet_date <= CURRENT_DATE);
            """,
        )

    def _procedures(self, p):
        """The procedures: two per case on average, from the catalogue, with their right."""
        self.execute(
            "procedures",
            """
            CREATE TEMP TABLE bench_ptype ON COMMIT DROP AS
            SELECT row_number() OVER (ORDER BY t.id) - 1 AS n, t.id, t.partner_id,
                   t.name, t.explanation->>'en_US' AS explanation,
                   t.required_documents->>'en_US' AS required_documents, t.default_delay,
                   (SELECT min(r.id) FROM social_right r
                     WHERE r.procedure_type_id = t.id) AS right_id
              FROM social_procedure_type t WHERE t.active;
            INSERT INTO social_procedure (case_id, company_id, patient_id, type_id, right_id,
                                          organisation_id, currency_id, user_id, name, state,
                                          submission_date, due_date, answer_date, explanation,
                                          required_documents, documents_complete, color,
                                          create_uid, write_uid, create_date, write_date)
            SELECT c.id, %(company)s, c.patient_id, t.id, t.right_id, t.partner_id,
                   %(currency)s, c.user_id, t.name, s.state,
                   CASE WHEN s.state <> 'to_do' THEN c.date_open + 3 END,
                   c.date_open + COALESCE(t.default_delay, 30),
                   CASE WHEN s.state IN ('granted', 'refused') THEN c.date_open + 20 END,
                   t.explanation, t.required_documents, s.state <> 'to_do', 0,
                   c.user_id, c.user_id, now(), now()
              FROM (SELECT k, 1 + (k::bigint * 104729) %% %(patients)s AS g
                      FROM generate_series(1, %(procedures)s) k) x
              JOIN bench_case c ON c.g = x.g
              JOIN bench_ptype t ON t.n = x.k %% (SELECT count(*) FROM bench_ptype)
              CROSS JOIN LATERAL (SELECT CASE
                   WHEN c.is_open
                   THEN (ARRAY['to_do','submitted','awaiting_answer','granted'])[1 + x.k %% 4]
                   ELSE (ARRAY['granted','refused','cancelled','granted'])[1 + x.k %% 4]
                   END AS state) s
            """,
            p,
        )

    def _referrals(self, p):
        """The referrals: every case comes from one, accepted; others redirected or
        duplicates."""
        self.execute(
            "referrals",
            """
            CREATE TEMP TABLE bench_first_contact ON COMMIT DROP AS
            SELECT i.case_id, min(i.date) AS date FROM social_intervention i
              JOIN bench_case c ON c.id = i.case_id
             WHERE i.active AND i.date >= c.date_open::timestamp + interval '7 hours'
             GROUP BY i.case_id;
            CREATE UNIQUE INDEX ON bench_first_contact (case_id);
            INSERT INTO social_referral (company_id, patient_id, requested_by_id, unit_id,
                                         case_id, triage_user_id, name, referrer_type, channel,
                                         urgency, urgency_reason, state, patient_birthdate,
                                         reason, date, first_contact_date,
                                         hours_to_first_contact, create_uid, write_uid,
                                         create_date, write_date)
            SELECT %(company)s, c.patient_id, n.nurse, e.unit_id, c.id, c.user_id,
                   'BENCH-REF/' || lpad(c.g::text, 6, '0'), 'nurse', 'form',
                   CASE WHEN c.luck < 5 THEN 'urgent' ELSE 'normal' END,
                   CASE WHEN c.luck < 5 THEN 'homelessness' END, 'accepted', c.birthdate,
                   'Situation to assess', c.date_open::timestamp + interval '7 hours',
                   fc.date,
                   COALESCE(round((extract(epoch FROM fc.date - (c.date_open::timestamp
                                   + interval '7 hours')) / 3600.0)::numeric, 2), 0),
                   n.nurse, c.user_id, c.date_open::timestamp + interval '7 hours', now()
              FROM bench_case c
              JOIN social_case_episode e ON e.case_id = c.id
              CROSS JOIN LATERAL (SELECT (%(nurses)s::int[])
                                          [1 + c.g %% cardinality(%(nurses)s::int[])] AS nurse) n
              LEFT JOIN bench_first_contact fc ON fc.case_id = c.id;
            INSERT INTO social_referral (company_id, patient_id, requested_by_id, name,
                                         referrer_type, channel, urgency, state, reason,
                                         redirect_note, date, hours_to_first_contact,
                                         triage_user_id, create_uid, write_uid, create_date,
                                         write_date)
            SELECT %(company)s, bp.id, n.nurse, 'BENCH-REF/X' || lpad(k::text, 6, '0'), 'nurse',
                   'phone', 'normal', 'redirected', 'Question for another service',
                   'Sent to the CPAS', now() - make_interval(days => k %% (365 * %(years)s)), 0,
                   n.nurse, n.nurse, n.nurse, now(), now()
              FROM generate_series(1, %(extra_referrals)s) k
              JOIN bench_patient bp ON bp.g = 1 + (k * 31) %% %(patients)s
              CROSS JOIN LATERAL (SELECT (%(nurses)s::int[])
                                          [1 + k %% cardinality(%(nurses)s::int[])] AS nurse) n
            """,
            p,
        )

    def _discharge_plans(self, p):
        """The discharge plans: for the most recent stays."""
        self.execute(
            "discharge plans",
            """
            CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
            SELECT nextval('social_discharge_plan_id_seq')::int AS plan_id, c.id AS case_id,
                   c.g, c.patient_id, c.user_id, c.is_open, c.date_open, c.date_closed,
                   e.id AS episode_id, e.unit_id, e.expected_end_date, sc.name AS case_name,
                   (ARRAY['home','home_services','nursing_home','rehabilitation',
                          'convalescence'])[1 + c.g %% 5] AS destination_type
              FROM (SELECT * FROM bench_case ORDER BY date_open DESC, g LIMIT %(plans)s) c
              JOIN social_case sc ON sc.id = c.id
              JOIN social_case_episode e ON e.case_id = c.id;
            INSERT INTO social_discharge_plan (id, case_id, company_id, patient_id, user_id,
                                               episode_id, unit_id, stage_id, is_discharged,
                                               name, destination_type, template_id,
                                               admission_date, expected_discharge_date,
                                               medically_ready_date, actual_discharge_date,
                                               is_late, task_count, task_done_count,
                                               blocking_open_count, readiness, active, color,
                                               create_uid, write_uid, create_date, write_date)
            SELECT p.plan_id, p.case_id, %(company)s, p.patient_id, p.user_id, p.episode_id,
                   p.unit_id, CASE WHEN p.is_open THEN s.open_id ELSE s.done_id END,
                   NOT p.is_open, p.case_name || ' / ' || p.date_open, p.destination_type,
                   (SELECT t.id FROM social_discharge_template t
                     WHERE t.destination_type = p.destination_type AND t.active
                     ORDER BY t.sequence, t.id LIMIT 1),
                   p.date_open,
                   COALESCE(p.expected_end_date, p.date_open),
                   CASE WHEN NOT p.is_open THEN p.date_closed END,
                   CASE WHEN NOT p.is_open THEN p.date_closed END,
                   p.is_open AND COALESCE(p.expected_end_date, p.date_open) < CURRENT_DATE,
                   0, 0, 0, 0.0, true, 0, p.user_id, p.user_id, now(), now()
              FROM bench_plan p
             CROSS JOIN (SELECT (SELECT id FROM social_discharge_stage
                                  WHERE NOT COALESCE(is_done, false)
                                  ORDER BY sequence, id LIMIT 1) AS open_id,
                                (SELECT id FROM social_discharge_stage WHERE is_done
                                  ORDER BY sequence, id LIMIT 1) AS done_id) s
            """,
            p,
        )

    def _discharge_requests(self, p):
        """The requests of the discharge plans to providers."""
        self.execute(
            "discharge requests",
            """
            INSERT INTO social_discharge_request (plan_id, case_id, company_id, patient_id,
                                                  user_id, partner_id, channel, state,
                                                  date_sent, date_answer, refusal_reason,
                                                  waiting_position, create_uid, write_uid,
                                                  create_date, write_date)
            SELECT p.plan_id, p.case_id, %(company)s, p.patient_id, p.user_id, d.id,
                   'email', st.state,
                   CASE WHEN st.state <> 'draft' THEN p.date_open + 2 END,
                   CASE WHEN st.state IN ('accepted', 'refused') THEN p.date_open + 5 END,
                   CASE WHEN st.state = 'refused' THEN 'No place' END,
                   CASE WHEN st.state = 'waiting' THEN 1 + k ELSE 0 END,
                   p.user_id, p.user_id, now(), now()
              FROM bench_plan p
              CROSS JOIN generate_series(0, 1) k
              JOIN bench_directory d ON d.g = 1 + (p.g * 17 + k * 7) %% %(directory)s
              CROSS JOIN LATERAL (SELECT CASE WHEN k = 0 AND p.is_open THEN 'sent'
                                              WHEN k = 0 THEN 'accepted'
                                              WHEN p.g %% 3 = 0 THEN 'waiting'
                                              ELSE 'refused' END AS state) st
             WHERE k = 0 OR p.g %% 2 = 0
            """,
            p,
        )

    def _liaison_requests(self, p):
        """The liaison requests to the internal services, made by the social workers."""
        self.execute(
            "liaison requests",
            """
            CREATE TEMP TABLE bench_service ON COMMIT DROP AS
            SELECT row_number() OVER (ORDER BY id) - 1 AS n, id
              FROM social_liaison_service WHERE active;
            INSERT INTO social_liaison_request (company_id, requester_id, service_id, patient_id,
                                                patient_name, case_id, unit_id, name, state,
                                                purpose, consent_given, visit_duration,
                                                decline_reason, create_uid, write_uid,
                                                create_date, write_date)
            SELECT %(company)s, c.user_id, s.id, c.patient_id, bp.name, c.id, e.unit_id,
                   'BENCH-LIA/' || lpad(k::text, 6, '0'),
                   CASE WHEN c.is_open THEN 'requested' WHEN k %% 2 = 0 THEN 'cancelled'
                        ELSE 'declined' END,
                   'A visit', false, 1.0,
                   CASE WHEN NOT c.is_open AND k %% 2 = 1 THEN 'Patient left' END,
                   c.user_id, c.user_id, c.date_open::timestamp + interval '9 hours', now()
              FROM generate_series(1, %(liaison)s) k
              JOIN bench_case c ON c.g = 1 + (k * 7) %% %(patients)s
              JOIN bench_patient bp ON bp.g = c.g
              JOIN social_case_episode e ON e.case_id = c.id
              JOIN bench_service s ON s.n = k %% (SELECT count(*) FROM bench_service)
            """,
            p,
        )


# stored fields the ORM computes from other fields and that no user edits: the generator
# writes them in SQL, `verify` recomputes them through the ORM and compares
VERIFIED_MODELS = (
    "res.partner",
    "social.case",
    "social.case.episode",
    "social.intervention",
    "social.procedure",
    "social.referral",
    "social.discharge.plan",
    "social.discharge.request",
    "social.liaison.request",
)


def _normalise(value):
    if hasattr(value, "_name"):
        return tuple(value.ids)
    if isinstance(value, float):
        return round(value, 2)
    return value or False


def verify(env, sample=300):
    """Recompute every stored related and non-editable computed field of a sample of each
    generated table through the ORM; return the list of differences (empty when right)."""
    differences = []
    for model_name in VERIFIED_MODELS:
        Model = env[model_name].sudo().with_context(active_test=False)
        names = [
            name
            for name, field in Model._fields.items()
            if field.store
            and field.compute
            and (field.related or field.readonly)
            and name not in ("display_name",)
        ]
        env.cr.execute(
            f'SELECT id FROM "{Model._table}" ORDER BY md5(id::text) LIMIT %s', (sample,)
        )
        records = Model.browse([row[0] for row in env.cr.fetchall()])
        env.invalidate_all()
        stored = {rec.id: {name: _normalise(rec[name]) for name in names} for rec in records}
        env.invalidate_all()
        for name in names:
            Model._fields[name].compute_value(records)
        for rec in records:
            for name in names:
                computed = _normalise(rec[name])
                if computed != stored[rec.id][name]:
                    differences.append(
                        f"{model_name}({rec.id}).{name}: stored {stored[rec.id][name]!r}, "
                        f"computed {computed!r}"
                    )
        print(f"[bench] verified {len(records)} {model_name}: {', '.join(names)}", flush=True)
    env.cr.rollback()
    return differences
