package dev.kontextbot.adapters.telegram;
