package dev.kontextbot.adapters.web;
