# R's AIC-chosen ARIMA on Bitbrains VM CPU, rolling origin: the reference of issue 13's accuracy goal.
# For each VM and each forecast origin o (0-based index of the first forecast point):
#   history = the 2,016 points (7 days of 5-min samples) before o; fit stats::arima(history, order = c(p,d,q))
#   (default method CSS-ML, include.mean for d = 0) for every p <= 3, d <= 1, q <= 2, keep the lowest AIC,
#   and predict 12 steps (1 hour). Fits that fail are skipped; if all fail the forecast is the last value.
# Origins: o = 2016 + S k for k = 0..K-1 while o + 12 fits in the series; S = 259 and K = 24 by default
# (259 five-minute steps = 21.6 h, so the origins walk round the clock); the dense run uses S = 97 (8 h 5 min)
# and every origin that fits (about 64 a VM).
# Input:  data/forecast/bitbrains-rnd-2013-7-cpu.csv.gz (vm, cpu_usage_pct in original row order)
# Output: CSV on stdout (gzip it): vm, origin, p, d, q, aic, select_cpu_s (user+system CPU of the 24 fits),
#         fit_cpu_s (CPU of re-fitting the chosen order alone), f1..f12
# Run from the repository root (about 20 min on one core; the dense run about 1 h):
#   Rscript benchmarks/r/vm_cpu_arima.R | gzip -9 -n > benchmarks/r/vm_cpu_arima_forecasts.csv.gz
#   Rscript benchmarks/r/vm_cpu_arima.R 97 1000 | gzip -9 -n > benchmarks/r/vm_cpu_arima_forecasts_dense.csv.gz
# Optional arguments: S, K, then VM ids to run (default all).
args <- commandArgs(trailingOnly = TRUE)
S <- if (length(args) >= 1) as.integer(args[1]) else 259
K <- if (length(args) >= 2) as.integer(args[2]) else 24
d <- read.csv(gzfile("data/forecast/bitbrains-rnd-2013-7-cpu.csv.gz"))
vms <- unique(d$vm)
if (length(args) > 2) vms <- vms[vms %in% as.integer(args[-(1:2)])]
H <- 12; N <- 2016
cpu <- function(t) t[["user.self"]] + t[["sys.self"]]
cat("vm,origin,p,d,q,aic,select_cpu_s,fit_cpu_s,", paste0("f", 1:H, collapse = ","), "\n", sep = "")
for (vm in vms) {
  x <- d$cpu_usage_pct[d$vm == vm]
  origins <- N + S * (0:(K - 1)); origins <- origins[origins + H <= length(x)]
  for (o in origins) {
    y <- x[(o - N + 1):o]          # R is 1-based: points o-N .. o-1 in 0-based terms
    best <- NULL; bo <- c(NA, NA, NA)
    t <- system.time(for (p in 0:3) for (dd in 0:1) for (q in 0:2) {
      f <- tryCatch(suppressWarnings(arima(y, order = c(p, dd, q))), error = function(e) NULL)
      if (!is.null(f) && is.finite(f$aic) && (is.null(best) || f$aic < best$aic)) { best <- f; bo <- c(p, dd, q) }
    })
    if (is.null(best)) {
      fc <- rep(y[N], H); aic <- NA; tf <- c(user.self = 0, sys.self = 0)
    } else {
      tf <- system.time(suppressWarnings(arima(y, order = bo)))
      fc <- as.numeric(predict(best, n.ahead = H)$pred); aic <- best$aic
    }
    cat(vm, o, bo[1], bo[2], bo[3], format(aic, digits = 10), format(cpu(t), digits = 4), format(cpu(tf), digits = 4),
        paste(format(fc, digits = 10), collapse = ","), sep = ",")
    cat("\n")
  }
}
