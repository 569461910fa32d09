-- A 10-line quote's body is about 3.3 kB of JSON. Past 2 kB PostgreSQL TOASTs a row, compressing the body with
-- pglz on every insert (this build has no lz4): in the quote benchmark that cost PostgreSQL 0.072 ms of CPU per
-- quote, half of what the whole quote cost the service. Bodies are written once and read back rarely, so rows up
-- to a page stay inline and uncompressed; a larger quote (hundreds of lines) is still TOASTed as before.
-- A storage parameter only: no rewrite of existing rows.
alter table quote set (toast_tuple_target = 8160);
