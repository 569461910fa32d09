-- A marketplace or 3PL partner may now answer our documents in JSON: its profile's acknowledgment reads JSON,
-- one letter longer than 997 or 999.
alter table partner alter column acknowledgment type varchar(8);
