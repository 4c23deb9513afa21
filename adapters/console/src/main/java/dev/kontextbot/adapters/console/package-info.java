package dev.kontextbot.adapters.console;
