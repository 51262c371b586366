// Command tsforecast forecasts time series stored in CSV files.
package main

func main() {}
