package dev.kontextbot.adapters.discord;
