'use strict';

const API_URL = 'https://api.weather.example.com/v2/forecast';

async function getForecast(city) {
  const request_url = `${API_URL}?city=${encodeURIComponent(city)}&units=metric`;
  const response = await fetch(request_url);
  if (!response.ok) {
    throw new Error(`Forecast for ${city} failed: ${response.status}`);
  }
  const body = await response.json();
  return body.days.map((day) => ({ date: day.date, high: day.max, low: day.min }));
}

module.exports = { getForecast };
