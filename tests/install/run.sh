#!/bin/sh
# Install the build into a fresh prefix and build outside programs against
# it, through pkg-config and through find_package(veikart).
# Usage: run.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -eu
build=$1
src=$2
work=$3
prefix=$work/prefix

rm -rf "$work"
mkdir -p "$work"
cmake --install "$build" --prefix "$prefix" >"$work/install.log"

libdir=$(ls -d "$prefix"/lib*/ | head -n 1)
libdir=${libdir%/}
for f in include/veikart.h include/veikart/method.h \
	share/veikart/schema/methodology.xsd share/veikart/methodologies/ks-veikart.xml \
	bin/veikart; do
	[ -e "$prefix/$f" ] || { echo "run.sh: $f was not installed" >&2; exit 1; }
done
ls "$libdir"/libveikart.so.* "$libdir"/libveikart.a "$libdir/pkgconfig/veikart.pc" \
	"$libdir/cmake/veikart/veikartConfig.cmake" >/dev/null

# A library built with sanitizers needs them in the programs that link it.
flags=${VEIKART_CONSUMER_FLAGS:-}

# pkg-config
export PKG_CONFIG_PATH="$libdir/pkgconfig"
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Werror $flags "$src/consumer.c" -o "$work/consumer-pc" \
	$(pkg-config --cflags --libs veikart) -Wl,-rpath,"$libdir"
"$work/consumer-pc"
# pkg-config --static: the archive, with what Libs.private and
# Requires.private add (libm, libxml2, libsodium).
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Werror $flags -DVEIKART_STATIC "$src/consumer.c" \
	-o "$work/consumer-pc-static" $(pkg-config --cflags veikart) \
	$(pkg-config --static --libs veikart | sed "s|-lveikart|$libdir/libveikart.a|")
"$work/consumer-pc-static"

# find_package
cmake -S "$src" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" \
	-DCMAKE_BUILD_RPATH="$libdir" -DCMAKE_C_FLAGS="$flags" \
	-DCMAKE_EXE_LINKER_FLAGS="$flags" >"$work/cmake.log"
cmake --build "$work/cmake" >>"$work/cmake.log"
"$work/cmake/consumer"
"$work/cmake/consumer_static"

# The installed tool validates the installed methodologies.
"$prefix/bin/veikart" validate "$prefix"/share/veikart/methodologies/*.xml
echo "install: ok"
