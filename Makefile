# dyad — GNU make build. `make` builds build/dyad; `make check` runs every test; `make demo` runs the
# example corpus; `make bench` measures throughput; `make fuzz` runs the libFuzzer targets.
CC      ?= cc
PKGS    := sqlite3 libxml-2.0 md4c libutf8proc jansson yaml-0.1 libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter -Wformat=2
OPT     ?= -O2 -g
CFLAGS  ?=
ALL_CFLAGS := -std=c17 -D_GNU_SOURCE $(WARN) $(OPT) -Iinclude -Isrc -Ibuild/gen $(PKG_CFLAGS) $(CFLAGS)
LDLIBS  := $(PKG_LIBS) -lstemmer -lm

B       ?= build
LIB_SRC := $(sort $(wildcard src/core/*.c src/read/*.c src/clean/*.c src/meta/*.c src/split/*.c src/pipeline/*.c src/actors/*.c src/events/*.c src/fuse/*.c \
                             src/date/*.c src/store/*.c src/present/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
DATA    := $(sort $(wildcard data/*.txt))
GEN     := $(B)/gen/builtin_data.c
LIB_OBJ := $(LIB_SRC:%.c=$(B)/obj/%.o) $(B)/obj/builtin_data.o
CLI_OBJ := $(CLI_SRC:%.c=$(B)/obj/%.o)
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)

.PHONY: all check unit asan demo bench bench-serve bench-deps fuzz clean deps install
all: $(B)/dyad

deps:
	scripts/install-deps.sh

$(B)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c17 -O2 -o $@ $<

# Data files are compiled in as the fallback used when the data folder is not found at run time.
$(GEN): $(DATA) $(B)/tools/embed
	@mkdir -p $(@D)
	$(B)/tools/embed $(DATA) > $@.tmp && mv $@.tmp $@

$(B)/obj/builtin_data.o: $(GEN)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/obj/%.o: %.c $(wildcard include/dyad/*.h) $(wildcard src/*/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/libdyad.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/dyad: $(CLI_OBJ) $(B)/libdyad.a
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(B)/libdyad.a $(LDLIBS)

$(B)/tests/%: tests/%.c tests/t.h $(B)/libdyad.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(B)/libdyad.a $(LDLIBS)

# Benchmark programs (bench/*.c), linked against the library.
$(B)/bench/%: bench/%.c bench/bench.h $(B)/libdyad.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libdyad.a $(LDLIBS)

# libFuzzer targets (fuzz/fuzz_*.c), built by `make fuzz` with clang into build-fuzz/.
$(B)/fuzz/%: fuzz/%.c $(B)/libdyad.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(B)/libdyad.a $(LDLIBS)

# Unit tests, golden files, bad inputs and corpus checks against one build.
unit: $(B)/dyad $(TEST_BIN)
	@tests/run.sh $(B)

# The same suite again under AddressSanitizer and UndefinedBehaviorSanitizer, in build-asan/.
asan:
	@$(MAKE) --no-print-directory B=build-asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" unit

# `make check`: everything; its last line is the sum "N passed, N failed".
check:
	@tests/check.sh

# `make demo`: install what is missing, build, run the example corpus.
demo:
	@scripts/install-deps.sh
	@$(MAKE) --no-print-directory all
	@scripts/demo.sh $(B)

bench: $(B)/dyad
	@bench/run.sh $(B)

# `make bench-serve`: wrk against dyad serve on loopback (requests/s and p99 latency; tests/bench_serve.sh).
bench-serve: $(B)/dyad
	@sh tests/bench_serve.sh $(B) 5

fuzz:
	@fuzz/run.sh

# Optional baseline for `make bench`: Mozilla Readability + jsdom from npm, into build/node_modules.
bench-deps:
	npm install --silent --no-save --prefix $(B) @mozilla/readability jsdom

clean:
	rm -rf build build-asan build-fuzz

# `make install PREFIX=/usr/local`: the program and its data files (found at ../share/dyad).
PREFIX ?= /usr/local
install: $(B)/dyad
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dyad
	install -m 755 $(B)/dyad $(DESTDIR)$(PREFIX)/bin/dyad
	install -m 644 $(DATA) $(DESTDIR)$(PREFIX)/share/dyad/
