"""Tools around the model: calibration to the 2016 figures (`calibrate`, `moments`),
the benchmark (`bench`) and the notebooks runner (`notebooks`)."""
