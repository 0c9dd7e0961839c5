/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gk-core.h: everything the app, the CLI and the tests use of the core. */

#pragma once

#include "gk-types.h"
#include "gk-keys.h"
#include "gk-normalize.h"
#include "gk-decode.h"
#include "gk-cell.h"
#include "gk-table.h"
#include "gk-finding.h"
#include "gk-report.h"
#include "gk-layout.h"
#include "gk-parser.h"
#include "gk-checks.h"
#include "gk-report-json.h"
#include "gk-export-csv.h"
#include "gk-similarity.h"
#include "gk-cross-checks.h"
#include "gk-indicators.h"
#include "gk-export-indicators.h"
#include "gk-export-xlsx.h"
#include "gk-library-json.h"
#include "gk-store.h"
#include "gk-agency.h"
#include "gk-library.h"
#include "gk-import-outcome.h"
#include "gk-importer.h"
