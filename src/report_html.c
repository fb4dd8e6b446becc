#include "report.h"
const struct report_ops report_html_ops = { .name = "html" };
