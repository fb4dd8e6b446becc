#include "report.h"
const struct report_ops report_chrome_ops = { .name = "chrome" };
