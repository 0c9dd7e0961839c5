/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "gk-types.h"

G_BEGIN_DECLS

#define GK_TYPE_FINDING (gk_finding_get_type ())

G_DECLARE_FINAL_TYPE (GkFinding, gk_finding, GK, FINDING, GObject)

GkFinding          *gk_finding_new          (const char       *rule,
                                             GkSeverity        severity,
                                             GkFindingStatus   status,
                                             const char       *subject,
                                             const char       *message);
const char         *gk_finding_get_rule     (GkFinding        *self);
GkSeverity          gk_finding_get_severity (GkFinding        *self);
GkFindingStatus     gk_finding_get_status   (GkFinding        *self);
const char         *gk_finding_get_subject  (GkFinding        *self);
const char         *gk_finding_get_message  (GkFinding        *self);
const char         *gk_finding_get_expected (GkFinding        *self);
const char         *gk_finding_get_found    (GkFinding        *self);
void                gk_finding_set_expected (GkFinding        *self,
                                             const char       *expected);
void                gk_finding_set_found    (GkFinding        *self,
                                             const char       *found);
const char         *gk_finding_get_other_report (GkFinding *self);
void                gk_finding_set_other_report (GkFinding *self,
                                                 const char *sha256);
guint               gk_finding_get_line     (GkFinding        *self);
void                gk_finding_set_line     (GkFinding        *self,
                                             guint             line);
void                gk_finding_add_cell     (GkFinding        *self,
                                             const char       *cell_key);
const char * const *gk_finding_get_cells    (GkFinding        *self);
gboolean            gk_finding_involves     (GkFinding        *self,
                                             const char       *cell_key);
char               *gk_finding_dup_id       (GkFinding        *self);
GkVerdict           gk_finding_get_verdict  (GkFinding        *self);
const char         *gk_finding_get_note     (GkFinding        *self);
void                gk_finding_set_verdict  (GkFinding        *self,
                                             GkVerdict         verdict,
                                             const char       *note);

G_END_DECLS
