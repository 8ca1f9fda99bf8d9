-- PostgreSQL only (SQLite has one writer at a time already; decision 057).
--
-- BacklogCount's triggers add to and take from shared rows (a status, a category, an urgency, a
-- region, a sector, a cluster's lines), each trigger in its own order: the rows it takes from,
-- then those it adds to, and a request's rows before or after its lines'. Two transactions
-- changing two requests at once could each hold a row the other wants next, and PostgreSQL then
-- refuses one of them ("deadlock detected"): a coordinator's action failing for no reason of its
-- own. Before any of those triggers writes, the transaction now takes one lock for all of them,
-- held to its commit: the counts' writers go one at a time, as they already did on the busiest
-- rows (every filing adds to the status NEW).
CREATE FUNCTION "BacklogCount_one_writer"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('BacklogCount'));
  RETURN NULL;
END;
$$;

-- Row triggers of one event fire in the order of their names: "0" sorts before the counting
-- triggers' names, so the lock is taken before the first count is written.
CREATE TRIGGER "BacklogCount_0_request_insert_or_delete" AFTER INSERT OR DELETE ON "Request"
  FOR EACH ROW EXECUTE FUNCTION "BacklogCount_one_writer"();
CREATE TRIGGER "BacklogCount_0_request_update" AFTER UPDATE OF "status", "category", "urgency", "region", "sector" ON "Request"
  FOR EACH ROW EXECUTE FUNCTION "BacklogCount_one_writer"();
CREATE TRIGGER "BacklogCount_0_line_insert_or_delete" AFTER INSERT OR DELETE ON "RequestLine"
  FOR EACH ROW EXECUTE FUNCTION "BacklogCount_one_writer"();
CREATE TRIGGER "BacklogCount_0_line_update" AFTER UPDATE OF "status", "clusterId" ON "RequestLine"
  FOR EACH ROW EXECUTE FUNCTION "BacklogCount_one_writer"();
