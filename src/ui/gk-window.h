/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "gk-application.h"

G_BEGIN_DECLS

#define GK_TYPE_WINDOW (gk_window_get_type ())

G_DECLARE_FINAL_TYPE (GkWindow, gk_window, GK, WINDOW, AdwApplicationWindow)

GkWindow *gk_window_new           (GkApplication *application);
void      gk_window_import_files  (GkWindow      *self,
                                   GPtrArray     *files);
void      gk_window_cancel_import (GkWindow      *self);
gboolean  gk_window_is_importing  (GkWindow      *self);
gboolean  gk_window_is_loading    (GkWindow      *self);

G_END_DECLS
