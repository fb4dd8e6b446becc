/* SPDX-License-Identifier: MIT */
/* Unit tests of the disposition model's transitions and explanations. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model.h"

#define USR1 10
#define HUP 1
#define TSTP 20
#define CHLD 17
#define SEGV 11
#define MS 1000000ull

static struct disposition handler(uint64_t addr, uint64_t flags)
{
	struct disposition d;

	memset(&d, 0, sizeof(d));
	d.kind = DISP_HANDLER;
	d.handler = addr;
	d.flags = flags;
	d.flags_known = true;
	return d;
}

static struct disposition dfl(void)
{
	struct disposition d;

	memset(&d, 0, sizeof(d));
	d.kind = DISP_DEFAULT;
	d.flags_known = true;
	return d;
}

static void test_initial_state(void **state)
{
	struct sigmodel *m = model_new(false, SIGBIT(HUP), 0, 0);

	(void)state;
	assert_int_equal(model_get(m, HUP)->disp.kind, DISP_IGNORED);
	assert_int_equal(model_get(m, USR1)->disp.kind, DISP_DEFAULT);
	assert_null(model_get(m, 0));
	assert_null(model_get(m, 65));
	model_unref(m);
}

static void test_never_installed(void **state)
{
	struct sigmodel *m = model_new(false, 0, 0, 0);
	struct ev_finding f;

	(void)state;
	model_exec(m, "/usr/bin/tar", 100 * MS);
	memset(&f, 0, sizeof(f));
	assert_true(model_explain_default(m, USR1, 101 * MS, &f));
	assert_int_equal(f.cause, CAUSE_NEVER_INSTALLED);
	assert_int_equal(f.effect, EFFECT_KILLED);
	assert_true(f.has_exec_time);
	assert_int_equal(f.exec_mono_ns, 100 * MS);
	assert_string_equal(f.exec_path, "/usr/bin/tar");
	assert_non_null(strstr(f.detail, "1.000 ms after"));
	model_unref(m);
}

static void test_removed(void **state)
{
	struct sigmodel *m = model_new(false, 0, 0, 0);
	struct disposition h = handler(0x1000, 0), d = dfl();
	struct ev_finding f;

	(void)state;
	model_set(m, HUP, &h, 1 * MS);
	assert_false(model_explain_default(m, HUP, 2 * MS, &f));
	model_set(m, HUP, &d, 3 * MS);
	memset(&f, 0, sizeof(f));
	assert_true(model_explain_default(m, HUP, 5 * MS, &f));
	assert_int_equal(f.cause, CAUSE_REMOVED);
	assert_true(f.has_cause_time);
	assert_int_equal(f.cause_mono_ns, 3 * MS);
	model_unref(m);
}

static void test_resethand(void **state)
{
	struct sigmodel *m = model_new(false, 0, 0, 0);
	struct disposition h = handler(0x1000, 0x80000000ull);
	struct ev_finding f;

	(void)state;
	model_set(m, USR1, &h, 1 * MS);
	assert_true(model_delivered(m, USR1, 2 * MS));
	assert_int_equal(model_get(m, USR1)->disp.kind, DISP_DEFAULT);
	assert_true(model_oneshot_handlers(m) == 0);
	/* Already SIG_DFL: the next delivery changes nothing. */
	assert_false(model_delivered(m, USR1, 2 * MS));
	memset(&f, 0, sizeof(f));
	assert_true(model_explain_default(m, USR1, 3 * MS, &f));
	assert_int_equal(f.cause, CAUSE_RESETHAND);
	assert_int_equal(f.cause_mono_ns, 2 * MS);
	model_unref(m);
}

static void test_no_reset_without_flag(void **state)
{
	struct sigmodel *m = model_new(false, 0, 0, 0);
	struct disposition h = handler(0x1000, 0x10000000ull);

	(void)state;
	model_set(m, USR1, &h, 1 * MS);
	assert_false(model_delivered(m, USR1, 2 * MS));
	assert_int_equal(model_get(m, USR1)->disp.kind, DISP_HANDLER);
	/* Flags not known (attach mode): no reset on a guess. */
	h.flags = 0x80000000ull;
	h.flags_known = false;
	model_set(m, USR1, &h, 3 * MS);
	assert_false(model_delivered(m, USR1, 4 * MS));
	model_unref(m);
}

static void test_exec_reset(void **state)
{
	struct sigmodel *m = model_new(false, 0, 0, 0);
	struct disposition h = handler(0x1000, 0);
	struct disposition ign;
	struct ev_finding f;

	(void)state;
	memset(&ign, 0, sizeof(ign));
	ign.kind = DISP_IGNORED;
	model_set(m, USR1, &h, 1 * MS);
	model_set(m, HUP, &ign, 1 * MS);
	model_exec(m, "/bin/new", 2 * MS);
	assert_int_equal(model_get(m, USR1)->disp.kind, DISP_DEFAULT);
	assert_int_equal(model_get(m, HUP)->disp.kind, DISP_IGNORED);
	memset(&f, 0, sizeof(f));
	assert_true(model_explain_default(m, USR1, 3 * MS, &f));
	assert_int_equal(f.cause, CAUSE_EXEC_RESET);
	/* A second exec: the program that had the handler is two back. */
	model_exec(m, "/bin/newer", 4 * MS);
	memset(&f, 0, sizeof(f));
	assert_true(model_explain_default(m, USR1, 5 * MS, &f));
	assert_int_equal(f.cause, CAUSE_NEVER_INSTALLED);
	model_unref(m);
}

static void test_no_alarm_cases(void **state)
{
	struct sigmodel *m = model_new(false, SIGBIT(HUP), 0, 0);
	struct ev_finding f;

	(void)state;
	assert_false(model_explain_default(m, HUP, 1, &f));	/* ignored */
	assert_false(model_explain_default(m, CHLD, 1, &f));	/* default ign */
	assert_false(model_explain_default(m, 18, 1, &f));	/* SIGCONT */
	assert_true(model_explain_default(m, SEGV, 1, &f));
	assert_int_equal(f.effect, EFFECT_CORE);
	assert_true(model_explain_default(m, TSTP, 1, &f));
	assert_int_equal(f.effect, EFFECT_STOPPED);
	assert_false(model_explain_default(m, 19, 1, &f));	/* SIGSTOP */
	assert_false(model_explain_default(m, 9, 1, &f));	/* SIGKILL */
	model_unref(m);
}

static void test_fork_copies(void **state)
{
	struct sigmodel *m = model_new(false, 0, 0, 0);
	struct disposition h = handler(0x1000, 0);
	struct sigmodel *c;

	(void)state;
	/* Nothing changed yet: no table of states, the start answers. */
	assert_null(m->table);
	c = model_copy(m);
	model_exec(c, "/bin/true", 1);	/* no handler to reset */
	assert_null(c->table);
	model_unref(c);
	model_set(m, USR1, &h, 1);
	assert_non_null(m->table);
	c = model_copy(m);
	assert_true(c->table == m->table);	/* shared until a change */
	assert_int_equal(model_get(c, USR1)->disp.kind, DISP_HANDLER);
	model_set(m, USR1, &(struct disposition){ .kind = DISP_DEFAULT }, 2);
	assert_true(c->table != m->table);	/* the writer took a copy */
	assert_int_equal(model_get(c, USR1)->disp.kind, DISP_HANDLER);
	assert_int_equal(model_get(m, USR1)->disp.kind, DISP_DEFAULT);
	assert_int_equal(model_get(c, USR1)->origin, ORIGIN_SIGACTION);
	model_unref(c);
	model_unref(m);
}

static void test_kernel_check(void **state)
{
	struct sigmodel *m = model_new(false, 0, 0, 0);
	char msg[256];
	struct ev_finding f;

	(void)state;
	/* Agreement: nothing to say. */
	assert_false(model_check_kernel(m, USR1, 0, 0, 1, msg, sizeof(msg)));
	/* The kernel says caught, the model says default: kernel wins. */
	assert_true(model_check_kernel(m, USR1, SIGBIT(USR1), 0, 2, msg,
				       sizeof(msg)));
	assert_non_null(strstr(msg, "SIGUSR1"));
	assert_int_equal(model_get(m, USR1)->disp.kind, DISP_HANDLER);
	assert_int_equal(model_get(m, USR1)->origin, ORIGIN_KERNEL);
	/* And back to default, learnt from the kernel: "removed". */
	assert_true(model_check_kernel(m, USR1, 0, 0, 3, msg, sizeof(msg)));
	assert_true(model_explain_default(m, USR1, 4, &f));
	assert_int_equal(f.cause, CAUSE_REMOVED);
	model_unref(m);
}

static void test_attach_unknown(void **state)
{
	struct sigmodel *m = model_new(true, 0, SIGBIT(USR1), 0);
	struct ev_finding f;
	char msg[256];

	(void)state;
	assert_int_equal(model_get(m, USR1)->disp.kind, DISP_HANDLER);
	memset(&f, 0, sizeof(f));
	assert_true(model_explain_default(m, HUP, 1, &f));
	assert_int_equal(f.cause, CAUSE_UNKNOWN_BEFORE_ATTACH);
	assert_false(model_check_kernel(m, USR1, SIGBIT(USR1), 0, 1, msg,
					sizeof(msg)));
	model_unref(m);
}

static void test_kernel_kind(void **state)
{
	(void)state;
	assert_int_equal(model_kernel_kind(USR1, SIGBIT(USR1), 0),
			 DISP_HANDLER);
	assert_int_equal(model_kernel_kind(USR1, 0, SIGBIT(USR1)),
			 DISP_IGNORED);
	assert_int_equal(model_kernel_kind(USR1, SIGBIT(HUP), SIGBIT(HUP)),
			 DISP_DEFAULT);
}

/* What the report's analyzer does with the kernel's word: the same
 * disposition completed, another one replacing it, with the origin kept
 * (learning is not a change by the program). */
static void test_learn(void **state)
{
	struct sigmodel m;
	struct disposition h = handler(0x1000, 0x10000000ull), seen, other;

	(void)state;
	model_init_unknown(&m, 0);
	assert_int_equal(model_get(&m, USR1)->disp.kind, DISP_UNKNOWN);
	strcpy(h.symbol, "on_usr1");
	assert_true(model_learn(&m, USR1, &h));
	/* Seen again without address, symbol or flags: the same one. */
	memset(&seen, 0, sizeof(seen));
	seen.kind = DISP_HANDLER;
	assert_false(model_learn(&m, USR1, &seen));
	assert_true(model_get(&m, USR1)->disp.handler == 0x1000);
	assert_string_equal(model_get(&m, USR1)->disp.symbol, "on_usr1");
	assert_true(model_get(&m, USR1)->disp.flags_known);
	assert_true(model_get(&m, USR1)->disp.flags == 0x10000000ull);
	assert_int_equal(model_get(&m, USR1)->origin, ORIGIN_INITIAL);
	/* Another address is another handler. */
	other = handler(0x2000, 0);
	assert_true(model_learn(&m, USR1, &other));
	assert_string_equal(model_get(&m, USR1)->disp.symbol, "");
	/* An unknown kind says nothing. */
	memset(&seen, 0, sizeof(seen));
	assert_false(model_learn(&m, USR1, &seen));
	assert_int_equal(model_get(&m, USR1)->disp.kind, DISP_HANDLER);
	model_release(&m);
}

static void test_audit(void **state)
{
	struct sigmodel *m = model_new(false, SIGBIT(13), 0, 0);
	struct disposition h = handler(0x1000, 0), oneshot;
	sigbits_t danger;

	(void)state;
	model_set(m, HUP, &h, 1);
	danger = model_dangerous_defaults(m);
	assert_false(danger & SIGBIT(HUP));	/* handled */
	assert_false(danger & SIGBIT(13));	/* SIGPIPE ignored */
	assert_true(danger & SIGBIT(USR1));
	assert_true(danger & SIGBIT(12));
	assert_false(danger & SIGBIT(15));	/* SIGTERM: meant to kill */
	oneshot = handler(0x2000, 0x40000000ull);
	model_set(m, 12, &oneshot, 1);
	assert_true(model_oneshot_handlers(m) == SIGBIT(12));
	model_unref(m);
}

/* The clean-exit idiom: a handler ran, SIG_DFL came back after it (by
 * the program, or SA_RESETHAND), and the process sent it again. */
static void test_reraise(void **state)
{
	struct sigmodel *m = model_new(false, 0, 0, 0);
	struct disposition h = handler(0x1000, 0), d = dfl();
	struct disposition once = handler(0x2000, K_SA_RESETHAND);

	(void)state;
	model_set(m, HUP, &h, 1 * MS);
	assert_int_equal(model_reraise_of(m, HUP), 0);	/* a handler */
	model_delivered(m, HUP, 2 * MS);
	model_note_delivery(m, HUP, 2 * MS);
	assert_int_equal(model_reraise_of(m, HUP), 0);	/* still one */
	model_set(m, HUP, &d, 3 * MS);
	assert_true(model_reraise_of(m, HUP) == 2 * MS);
	/* Another delivery in between (not handled): no longer the one. */
	model_note_delivery(m, HUP, 4 * MS);
	assert_int_equal(model_reraise_of(m, HUP), 0);

	/* SA_RESETHAND resets it at the delivery itself. */
	model_set(m, USR1, &once, 5 * MS);
	model_delivered(m, USR1, 6 * MS);
	model_note_delivery(m, USR1, 6 * MS);
	assert_true(model_reraise_of(m, USR1) == 6 * MS);

	/* SIG_DFL set before the handled delivery is no re-raise's doing;
	 * a child starts with no delivery of its own. */
	model_set(m, TSTP, &h, 7 * MS);
	model_delivered(m, TSTP, 8 * MS);
	model_note_delivery(m, TSTP, 8 * MS);
	model_forked(m);
	model_set(m, TSTP, &d, 9 * MS);
	assert_int_equal(model_reraise_of(m, TSTP), 0);

	/* execve: the new program handled nothing. */
	model_set(m, CHLD, &h, 10 * MS);
	model_delivered(m, CHLD, 11 * MS);
	model_note_delivery(m, CHLD, 11 * MS);
	model_exec(m, "/bin/true", 12 * MS);
	assert_int_equal(model_reraise_of(m, CHLD), 0);
	model_unref(m);
}

/* A fork makes a model per process: its delivery times are the
 * parent's block until either changes them; exec paths are kept once. */
static void test_fork_shares(void **state)
{
	struct sigmodel *m = model_new(false, 0, 0, 0);
	struct disposition h = handler(0x1000, 0), d = dfl();
	struct sigmodel *c, *a;
	struct ev_finding f;

	(void)state;
	model_exec(m, "/bin/sh", 1 * MS);
	model_set(m, HUP, &h, 2 * MS);
	model_delivered(m, HUP, 3 * MS);
	model_note_delivery(m, HUP, 3 * MS);
	model_set(m, HUP, &d, 4 * MS);
	c = model_copy(m);
	assert_true(c->exec_path == m->exec_path);
	assert_true(c->times == m->times);
	/* A copy that is no fork (the report's) keeps the re-raise. */
	a = model_copy(m);
	assert_true(model_reraise_of(a, HUP) == 3 * MS);
	model_unref(a);
	/* The child's deliveries are its own; the parent keeps its. */
	model_forked(c);
	assert_null(c->times);
	assert_int_equal(model_reraise_of(c, HUP), 0);
	assert_true(model_reraise_of(m, HUP) == 3 * MS);
	model_note_delivery(c, USR1, 5 * MS);
	assert_non_null(c->times);
	assert_true(c->times != m->times);
	model_note_delivery(m, USR1, 6 * MS);
	assert_true(model_reraise_of(m, HUP) == 3 * MS);
	/* Each exec names its own program; one path is kept once. */
	model_exec(c, "/bin/true", 7 * MS);
	assert_true(c->exec_path != m->exec_path);
	a = model_new(false, 0, 0, 0);
	model_exec(a, "/bin/true", 7 * MS);
	assert_true(a->exec_path == c->exec_path);
	assert_null(a->table);
	assert_null(a->times);
	model_unref(a);
	assert_true(model_explain_default(m, SEGV, 8 * MS, &f));
	assert_string_equal(f.exec_path, "/bin/sh");
	assert_true(model_explain_default(c, SEGV, 8 * MS, &f));
	assert_string_equal(f.exec_path, "/bin/true");
	model_unref(m);
	assert_true(model_explain_default(c, SEGV, 9 * MS, &f));
	assert_string_equal(f.exec_path, "/bin/true");
	model_unref(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initial_state),
		cmocka_unit_test(test_never_installed),
		cmocka_unit_test(test_removed),
		cmocka_unit_test(test_resethand),
		cmocka_unit_test(test_no_reset_without_flag),
		cmocka_unit_test(test_exec_reset),
		cmocka_unit_test(test_no_alarm_cases),
		cmocka_unit_test(test_fork_copies),
		cmocka_unit_test(test_fork_shares),
		cmocka_unit_test(test_kernel_check),
		cmocka_unit_test(test_attach_unknown),
		cmocka_unit_test(test_audit),
		cmocka_unit_test(test_kernel_kind),
		cmocka_unit_test(test_learn),
		cmocka_unit_test(test_reraise),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
