def migrate(cr, version):
    """Each case opened by an earlier release starts its referents' history with its
    referent of today, from the day it was opened (who changed it before is not known)."""
    cr.execute(
        """INSERT INTO social_case_referent (case_id, company_id, user_id, date_from,
                   create_uid, create_date, write_uid, write_date)
           SELECT c.id, c.company_id, c.user_id, c.date_open, 1, now(), 1, now()
             FROM social_case c
            WHERE c.user_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM social_case_referent r WHERE r.case_id = c.id)"""
    )
