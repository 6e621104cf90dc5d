/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* UNDER_ASAN: 1 in an AddressSanitizer build (gcc or clang), whose allocator
 * reserves far more address space than it uses and is not glibc's heap. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif
