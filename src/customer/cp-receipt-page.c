/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "customer-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "cp-receipt-page.h"
#include "cp-ui-util.h"

/*
 * What the customer keeps after paying: the receipt number and the payment's
 * details, which can be printed or saved as a PDF (both through
 * GtkPrintOperation, so the PDF looks like the printout). While the payment
 * processor has not confirmed the payment it says so instead (no receipt
 * number, nothing to print), and a failed payment says why.
 */
struct _CpReceiptPage
{
  AdwBin parent_instance;

  /* Template children */
  AdwStatusPage *status_page;
  AdwActionRow *number_row;
  AdwActionRow *amount_row;
  AdwActionRow *card_row;
  AdwActionRow *invoices_row;
  AdwActionRow *date_row;
  GtkButton *save_button;
  GtkButton *print_button;

  char *company_name;
  char *receipt_number;
  char *amount;
  char *card;
  char *invoices;
  char *date;

  GtkNativeDialog *file_chooser;
};

G_DEFINE_FINAL_TYPE (CpReceiptPage, cp_receipt_page, ADW_TYPE_BIN)

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              CpReceiptPage     *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(GString) markup = g_string_new (NULL);
  struct { const char *label; const char *value; } rows[] = {
    { _("Receipt number"), self->receipt_number },
    { _("Amount"), self->amount },
    { _("Paid with"), self->card },
    { _("Invoices"), self->invoices },
    { _("Date"), self->date },
  };
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 11");

  if (self->company_name != NULL && self->company_name[0] != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (self->company_name, -1);
      g_string_append_printf (markup, "<span size='x-large' weight='bold'>%s</span>\n", escaped);
    }
  g_string_append_printf (markup, "<span size='large' weight='bold'>%s</span>\n\n",
                          _("Payment Receipt"));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *label = g_markup_escape_text (rows[i].label, -1);
      g_autofree char *value = g_markup_escape_text (rows[i].value != NULL ? rows[i].value : "", -1);

      g_string_append_printf (markup, "<b>%s</b>\t%s\n", label, value);
    }
  g_string_append_printf (markup, "\n%s", _("Thank you for your payment."));

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  {
    g_autoptr(PangoTabArray) tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, 160);
    pango_layout_set_tabs (layout, tabs);
  }
  pango_layout_set_markup (layout, markup->str, -1);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
}

static GtkPrintOperation *
make_operation (CpReceiptPage *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autofree char *job = g_strdup_printf (_("Receipt %s"), self->receipt_number);

  gtk_print_operation_set_job_name (operation, job);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);

  return operation;
}

/**
 * cp_receipt_page_export_pdf:
 * @path: where to write the PDF
 *
 * Writes the receipt as a one-page PDF, without any dialog.
 */
gboolean
cp_receipt_page_export_pdf (CpReceiptPage *self,
                            const char    *path,
                            GError       **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (CP_IS_RECEIPT_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  operation = make_operation (self);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);

  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static GtkWindow *
toplevel (CpReceiptPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_toast (CpReceiptPage *self,
            const char    *message)
{
  cp_ui_toast (GTK_WIDGET (self), message);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  CpReceiptPage   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->file_chooser);

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  if (!cp_receipt_page_export_pdf (self, path, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the receipt: %s"),
                                                  error->message);
      show_toast (self, message);
      return;
    }

  show_toast (self, _("Receipt saved"));
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CpReceiptPage *self = CP_RECEIPT_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdup_printf (_("Receipt %s.pdf"), self->receipt_number);
  GtkFileChooserNative *chooser;

  if (self->file_chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Save Receipt"), toplevel (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (self->file_chooser);
}

static void
free_weak_ref (gpointer data,
               GClosure *closure)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* "done" is emitted whichever way the operation ends; it owns the last
 * reference. The page may be gone by then, hence the weak reference. */
static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               GWeakRef                *page_ref)
{
  g_autoptr(CpReceiptPage) self = g_weak_ref_get (page_ref);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && self != NULL)
    show_toast (self, _("Could not print the receipt"));
  g_object_unref (operation);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CpReceiptPage *self = CP_RECEIPT_PAGE (widget);
  GtkPrintOperation *operation = make_operation (self);
  GWeakRef *page_ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (page_ref, self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_data (operation, "done", G_CALLBACK (print_done_cb), page_ref,
                         free_weak_ref, 0);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           toplevel (self), NULL);
}

static void
cp_receipt_page_dispose (GObject *object)
{
  CpReceiptPage *self = CP_RECEIPT_PAGE (object);

  if (self->file_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->file_chooser, save_response_cb, self);
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_RECEIPT_PAGE);

  G_OBJECT_CLASS (cp_receipt_page_parent_class)->dispose (object);
}

static void
cp_receipt_page_finalize (GObject *object)
{
  CpReceiptPage *self = CP_RECEIPT_PAGE (object);

  g_free (self->company_name);
  g_free (self->receipt_number);
  g_free (self->amount);
  g_free (self->card);
  g_free (self->invoices);
  g_free (self->date);

  G_OBJECT_CLASS (cp_receipt_page_parent_class)->finalize (object);
}

static void
cp_receipt_page_class_init (CpReceiptPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_receipt_page_dispose;
  object_class->finalize = cp_receipt_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/customer/cp-receipt-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CpReceiptPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CpReceiptPage, number_row);
  gtk_widget_class_bind_template_child (widget_class, CpReceiptPage, amount_row);
  gtk_widget_class_bind_template_child (widget_class, CpReceiptPage, card_row);
  gtk_widget_class_bind_template_child (widget_class, CpReceiptPage, invoices_row);
  gtk_widget_class_bind_template_child (widget_class, CpReceiptPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, CpReceiptPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, CpReceiptPage, print_button);

  gtk_widget_class_install_action (widget_class, "receipt.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "receipt.print", NULL, print_action);
}

static void
cp_receipt_page_init (CpReceiptPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cp_ui_fix_accessible_names (GTK_WIDGET (self));
}

GtkWidget *
cp_receipt_page_new (void)
{
  return g_object_new (CP_TYPE_RECEIPT_PAGE, NULL);
}

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  adw_action_row_set_subtitle (row, value != NULL ? value : "");
}

void
cp_receipt_page_set_receipt (CpReceiptPage *self,
                             const char    *company_name,
                             const char    *receipt_number,
                             const char    *amount,
                             const char    *card,
                             const char    *invoices,
                             const char    *date)
{
  g_autofree char *description = NULL;

  g_return_if_fail (CP_IS_RECEIPT_PAGE (self));

  g_free (self->company_name);
  self->company_name = g_strdup (company_name);
  g_free (self->receipt_number);
  self->receipt_number = g_strdup (receipt_number);
  g_free (self->amount);
  self->amount = g_strdup (amount);
  g_free (self->card);
  self->card = g_strdup (card);
  g_free (self->invoices);
  self->invoices = g_strdup (invoices);
  g_free (self->date);
  self->date = g_strdup (date);

  set_row (self->number_row, receipt_number);
  set_row (self->amount_row, amount);
  set_row (self->card_row, card);
  set_row (self->invoices_row, invoices);
  set_row (self->date_row, date);

  /* Translators: "%s" is an amount of money such as "$125.50". */
  description = g_strdup_printf (_("Thank you. %s was charged to your card."), amount);
  adw_status_page_set_description (self->status_page, description);
}

/**
 * cp_receipt_page_set_description:
 *
 * Replaces the line under "Payment Received" (the office says whose card
 * was charged, not "your card").
 */
void
cp_receipt_page_set_description (CpReceiptPage *self,
                                 const char    *description)
{
  g_return_if_fail (CP_IS_RECEIPT_PAGE (self));

  adw_status_page_set_description (self->status_page, description);
}

/**
 * cp_receipt_page_set_status:
 * @status: "pending", "succeeded" or "failed", after cp_receipt_page_set_receipt()
 * @failure_message: (nullable): why it failed
 */
void
cp_receipt_page_set_status (CpReceiptPage *self,
                            const char    *status,
                            const char    *failure_message)
{
  gboolean succeeded = g_strcmp0 (status, "succeeded") == 0;
  g_autofree char *description = NULL;

  g_return_if_fail (CP_IS_RECEIPT_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->number_row), succeeded);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), succeeded);
  gtk_widget_set_visible (GTK_WIDGET (self->print_button), succeeded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipt.save-pdf", succeeded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipt.print", succeeded);
  if (succeeded)
    {
      adw_status_page_set_icon_name (self->status_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->status_page, _("Payment Received"));
      /* Translators: "%s" is an amount of money such as "$125.50". */
      description = g_strdup_printf (_("Thank you. %s was charged to your card."), self->amount);
    }
  else if (g_strcmp0 (status, "pending") == 0)
    {
      adw_status_page_set_icon_name (self->status_page, "emblem-synchronizing-symbolic");
      adw_status_page_set_title (self->status_page, _("Payment Pending"));
      /* Translators: "%s" is an amount of money such as "$125.50". */
      description = g_strdup_printf (_("The payment processor has not confirmed this payment "
                                       "yet. %s is set aside for these invoices, so they cannot "
                                       "be paid twice. This page updates by itself when the "
                                       "payment is confirmed; you may close it."), self->amount);
    }
  else
    {
      adw_status_page_set_icon_name (self->status_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->status_page, _("Payment Failed"));
      description = g_strdup (failure_message != NULL
                              ? failure_message
                              : _("The payment did not go through. Nothing was charged."));
    }
  adw_status_page_set_description (self->status_page, description);
}

const char *
cp_receipt_page_get_receipt_number (CpReceiptPage *self)
{
  g_return_val_if_fail (CP_IS_RECEIPT_PAGE (self), NULL);

  return self->receipt_number;
}
