-- Every team of event ($1, $2), each of its async_teams rows, and each of its members with the
-- times they recorded (a member with none appears once, with a null kind). No aggregation:
-- EventResults::load adds the times up.
SELECT 0 AS part, teams.id AS team, teams.name, NULL::async_kind AS kind,
       NULL::bool AS submitted, NULL::int2 AS pieces, NULL::int8 AS member,
       NULL::interval AS time
FROM teams
WHERE teams.series = $1 AND teams.event = $2
UNION ALL
SELECT 1, async_teams.team, NULL, async_teams.kind, async_teams.submitted IS NOT NULL,
       async_teams.pieces, NULL, NULL
FROM async_teams
JOIN teams ON teams.id = async_teams.team
WHERE teams.series = $1 AND teams.event = $2
UNION ALL
SELECT 2, team_members.team, NULL, async_players.kind, NULL, NULL, team_members.member,
       async_players.time
FROM team_members
JOIN teams ON teams.id = team_members.team
LEFT JOIN async_players ON async_players.player = team_members.member
     AND async_players.series = $1 AND async_players.event = $2
WHERE teams.series = $1 AND teams.event = $2
