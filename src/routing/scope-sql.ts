/**
 * @module routing/scope-sql
 * The one SQL rule for "this monitor's scopes cover this case": a scope names a commitment or a
 * right ('*' for every right), in the case's country or '*', in its sector or '*'. Routing binds
 * the new case's values as parameters; the queue compares against the `cases` columns.
 */
export interface CaseTerms {
  /** SQL expressions (a column or `?`) for the case's country, sector, and JSON arrays. */
  country: string
  sector: string
  commitments: string
  rights: string
}

/** An EXISTS condition: the staff member `staffExpr` has a scope matching the case. */
export function scopeMatchSql(staffExpr: string, c: CaseTerms): string {
  return `EXISTS (
    SELECT 1 FROM staff_scopes sc
    WHERE sc.staff_id = ${staffExpr}
      AND (sc.country = ${c.country} OR sc.country = '*')
      AND (sc.sector = '*' OR sc.sector = ${c.sector})
      AND ((sc.kind = 'commitment' AND sc.value IN (SELECT value FROM json_each(${c.commitments})))
        OR (sc.kind = 'right' AND (sc.value = '*' OR sc.value IN (SELECT value FROM json_each(${c.rights}))))))`
}
