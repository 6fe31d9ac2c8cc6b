# Regenerates the R reference values used by the forecast bundle's tests.
# Run from this directory:   Rscript generate.R
# (R 4.2.2, Debian r-base-core; only package 'stats' and 'datasets' are used.)
# series/<name>.txt : one observation per line, oldest first (17 significant digits)
# cases/<case>.txt  : key=value lines; vectors comma separated. Keys: series, order (p,d,q,P,D,Q,period),
#                     mean (TRUE/FALSE), horizon, ar, ma, sar, sma, intercept, sigma2, loglik, aic, forecast, se
dir.create("series", showWarnings = FALSE)
dir.create("cases", showWarnings = FALSE)
data <- list(lh = lh, LakeHuron = LakeHuron, Nile = Nile, USAccDeaths = USAccDeaths,
             logAirPassengers = log(AirPassengers), WWWusage = WWWusage)
for (n in names(data)) writeLines(format(as.numeric(data[[n]]), digits = 17), file.path("series", paste0(n, ".txt")))
fmt <- function(v) paste(trimws(format(v, digits = 17)), collapse = ",")
run <- function(case, series, order, seasonal = c(0, 0, 0), period = 0, mean = TRUE, h = 10) {
  x <- as.numeric(data[[series]])
  fit <- if (period > 1) arima(x, order = order, seasonal = list(order = seasonal, period = period), include.mean = mean)
         else arima(x, order = order, include.mean = mean)
  cf <- coef(fit); nm <- names(cf)
  pick <- function(prefix) cf[grepl(paste0("^", prefix, "[0-9]+$"), nm)]
  pr <- predict(fit, n.ahead = h)
  lines <- c(paste0("series=", series),
             paste0("order=", paste(c(order, seasonal, period), collapse = ",")),
             paste0("mean=", mean), paste0("horizon=", h),
             paste0("ar=", fmt(pick("ar"))), paste0("ma=", fmt(pick("ma"))),
             paste0("sar=", fmt(pick("sar"))), paste0("sma=", fmt(pick("sma"))),
             paste0("intercept=", if ("intercept" %in% nm) fmt(cf[["intercept"]]) else ""),
             paste0("sigma2=", fmt(fit$sigma2)), paste0("loglik=", fmt(fit$loglik)), paste0("aic=", fmt(fit$aic)),
             paste0("forecast=", fmt(as.numeric(pr$pred))), paste0("se=", fmt(as.numeric(pr$se))))
  lines <- sub("=$", "=", gsub("=character\\(0\\)|=numeric\\(0\\)", "=", lines))
  writeLines(lines, file.path("cases", paste0(case, ".txt")))
}
run("lh_ar1", "lh", c(1, 0, 0))
run("lh_arma11", "lh", c(1, 0, 1))
run("lh_ar3", "lh", c(3, 0, 0))
run("lh_ma2_nomean", "lh", c(0, 0, 2), mean = FALSE)
run("lakehuron_ar2", "LakeHuron", c(2, 0, 0))
run("nile_arima111", "Nile", c(1, 1, 1))
run("wwwusage_arima310", "WWWusage", c(3, 1, 0))
run("wwwusage_arima111", "WWWusage", c(1, 1, 1))
run("wwwusage_arima120", "WWWusage", c(1, 2, 0))
run("usaccdeaths_airline", "USAccDeaths", c(0, 1, 1), c(0, 1, 1), 12, h = 24)
run("usaccdeaths_sar", "USAccDeaths", c(1, 0, 0), c(1, 1, 0), 12, h = 24)
run("logair_airline", "logAirPassengers", c(0, 1, 1), c(0, 1, 1), 12, h = 24)
run("logair_211_011", "logAirPassengers", c(2, 1, 1), c(0, 1, 1), 12, h = 24)
# baselines are ARIMA(0,1,0) and ARIMA(0,0,0)(0,1,0)[m]: R's arima gives the same sigma2 and se
run("nile_naive", "Nile", c(0, 1, 0), h = 5)
run("usaccdeaths_snaive", "USAccDeaths", c(0, 0, 0), c(0, 1, 0), 12, h = 30)
