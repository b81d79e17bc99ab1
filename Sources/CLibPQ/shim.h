#ifndef INSIGHT_CLIBPQ_SHIM_H
#define INSIGHT_CLIBPQ_SHIM_H

#include <libpq-fe.h>
#include <postgres_ext.h>

/// The error fields of PQresultErrorField, which Swift does not import (character-literal macros).
static const int insight_pq_diag_sqlstate = PG_DIAG_SQLSTATE;
static const int insight_pq_diag_message_primary = PG_DIAG_MESSAGE_PRIMARY;
static const int insight_pq_diag_message_hint = PG_DIAG_MESSAGE_HINT;

#endif
